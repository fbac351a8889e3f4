"""``hromada kobo import``: a Kobo/ODK export into an assessment of the database."""

from __future__ import annotations

import json
from pathlib import Path

import click

from hromada.commands._errors import CliError
from hromada.commands.web import setup_django


@click.group("kobo")
def kobo() -> None:
    """KoboToolbox and ODK Central exports of the resident survey."""


@kobo.command("import")
@click.argument(
    "file_path", type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option(
    "--community", "katotth", required=True, help="KATOTTH code, UA + 17 digits."
)
@click.option(
    "--round",
    "round_",
    required=True,
    help="The assessment round, such as 2026-1; created with the default framework "
    "version if the community has no such round.",
)
def kobo_import(file_path: Path, katotth: str, round_: str) -> None:
    """Import FILE (CSV or XLSX) into the round: every row, or none (exit code 2)."""
    setup_django()
    from django.conf import settings
    from django.db import transaction

    from hromada.web.communities.models import Community
    from hromada.web.surveys import services
    from hromada.web.surveys.frameworks import default_version
    from hromada.web.surveys.models import Assessment, SurveyImport, round_validator

    size = file_path.stat().st_size
    limit = settings.HROMADA_IMPORT_MAX_BYTES
    if size > limit:
        raise CliError(f"{file_path}: the file is larger than {limit / 1e6:g} MB")
    community = Community.objects.filter(katotth=katotth).first()
    if community is None:
        raise CliError(f"--community: there is no community {katotth!r}")
    try:
        round_validator(round_)
    except Exception as error:  # noqa: BLE001  Django's ValidationError
        raise CliError(
            f"--round: {round_!r} is not a year and a number (2026-1)"
        ) from error
    with transaction.atomic():
        assessment = Assessment.objects.filter(
            community=community, round=round_
        ).first()
        created = assessment is None
        if assessment is None:
            assessment = services.assessment_create(
                community=community,
                round=round_,
                framework=default_version(),
                actor=None,
            )
        outcome = services.survey_import_create(
            assessment=assessment,
            blob=file_path.read_bytes(),
            file_name=file_path.name,
            actor=None,
            via=SurveyImport.Via.CLI,
        )
        if outcome.refused:
            # Nothing stays written, not even a round made for this file.
            transaction.set_rollback(True)
    if outcome.refused:
        first = outcome.problems[0]
        more = outcome.total_problems - 1
        tail = f" (and {more} more problems)" if more > 0 else ""
        raise CliError(f"{file_path}: {first.message}{tail}")
    record = outcome.survey_import
    assert record is not None
    click.echo(
        json.dumps(
            {
                "community": katotth,
                "round": round_,
                "round_created": created,
                "import": record.pk,
                "rows": record.rows,
                "imported": record.imported,
                "duplicates": record.duplicates,
                "sha256": record.sha256,
            },
            ensure_ascii=False,
        )
    )


COMMANDS: list[click.Command] = [kobo]
