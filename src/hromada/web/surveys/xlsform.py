"""A community's resident survey as an XLSForm file to download."""

from __future__ import annotations

from django.utils.text import slugify

from hromada import core
from hromada.web.communities.models import Community
from hromada.web.surveys.frameworks import framework_of
from hromada.web.surveys.models import FrameworkVersion
from hromada.web.surveys.services import settlement_choices
from hromada.xlsx import workbook_bytes


def xlsform_bytes(
    community: Community,
    version: FrameworkVersion,
    languages: tuple[str, ...] = ("uk", "en"),
) -> bytes:
    """The XLSForm with the community's settlements in D6, in uk and en."""
    framework = framework_of(version)
    title = f"{framework.title.uk} — {community.name_uk}"
    form = core.xlsform(
        framework,
        languages=languages,
        settlements=settlement_choices(community),
        title=title[:250],
    )
    return workbook_bytes(form.sheets())


def xlsform_filename(community: Community, version: FrameworkVersion) -> str:
    name = slugify(community.name_en) or community.katotth
    return f"hromada-survey-{name}-{version.code}-{version.version}.xlsx"
