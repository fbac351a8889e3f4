"""Load the packaged 1,469-hromada registry on a new database.

Every row is validated before the first insert; a bad row stops ``migrate`` with
the file, row and column named, and nothing is written.
"""

from pathlib import Path

from django.apps.registry import Apps
from django.conf import settings
from django.core.management.base import CommandError
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

from hromada.core import InputError
from hromada.web.communities.registry import load_registry


def load(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    path = Path(settings.HROMADA_REGISTRY_FILE)
    try:
        load_registry(apps.get_model("communities", "Community"), path)
    except InputError as error:
        where = f"{path}: row {error.row}, column {error.column!r}"
        raise CommandError(f"registry not loaded: {where}: {error.message}") from None


def unload(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    apps.get_model("communities", "Community").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("communities", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
