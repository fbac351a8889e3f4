from django.contrib.admin.apps import AdminConfig


class HromadaAdminConfig(AdminConfig):
    default_site = "hromada.web.admin_site.HromadaAdminSite"
