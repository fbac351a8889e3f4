"""Survey rounds of a community, and imports of Kobo/ODK exports."""

from __future__ import annotations

from collections.abc import Sequence

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import File, Form, Router, Schema, Status, UploadedFile
from ninja.errors import HttpError

from hromada import core
from hromada.web.accounts.access import Area, get_community_for_user
from hromada.web.api_errors import ApiInputError, check_katotth
from hromada.web.surveys import services
from hromada.web.surveys.models import Assessment, SurveyImport
from hromada.web.surveys.problems import SHOWN, describe

router = Router(tags=["surveys"])


class AssessmentOut(Schema):
    round: str
    framework: str
    responses: int
    status: str


class ImportOut(Schema):
    id: int
    round: str
    file_name: str
    sha256: str
    size: int
    form_version: str
    rows: int
    imported: int
    duplicates: int


class ProblemOut(Schema):
    code: str
    row: int | None
    column: str | None
    message: str


class RefusedOut(Schema):
    detail: str
    code: str
    problems: list[ProblemOut]
    total_problems: int


@router.get(
    "/{katotth}/assessments", response=list[AssessmentOut], url_name="assessments"
)
def assessments(request: HttpRequest, katotth: str) -> list[dict[str, object]]:
    """The community's survey rounds: round, framework version, responses, status.
    Readable by whoever may read its results."""
    community, _edit = get_community_for_user(
        request.user, check_katotth(katotth), area=Area.RESULTS
    )
    found = Assessment.objects.of(community).with_counts().select_related("framework")
    return [
        {
            "round": a.round,
            "framework": str(a.framework),
            "responses": a.n_responses,  # type: ignore[attr-defined]
            "status": a.status,
        }
        for a in found
    ]


@router.post(
    "/{katotth}/imports",
    response={201: ImportOut, 400: RefusedOut},
    url_name="imports",
)
def import_create(
    request: HttpRequest,
    katotth: str,
    round: Form[str],
    file: File[UploadedFile],
) -> Status[dict[str, object]]:
    """Import a Kobo/ODK export (multipart: ``round``, ``file``) into a round.
    All or nothing: a refused file answers 400 with its problems (row, column)."""
    community, can_edit = get_community_for_user(
        request.user, check_katotth(katotth), area=Area.SURVEY_DATA
    )
    if not can_edit:
        raise HttpError(403, _("You may read this survey data but not change it."))
    assessment = Assessment.objects.filter(community=community, round=round).first()
    if assessment is None:
        raise ApiInputError(
            "unknown_round",
            _("There is no round “%(round)s” in this community.")
            % {"round": round[:20]},
            field="round",
        )
    if (file.size or 0) > settings.HROMADA_IMPORT_MAX_BYTES:
        problem = core.Problem(
            "too_large",
            "too large",
            expected=str(settings.HROMADA_IMPORT_MAX_BYTES // 1_000_000),
        )
        return Status(400, _refused([problem], 1))
    outcome = services.survey_import_create(
        assessment=assessment,
        blob=file.read(),
        file_name=file.name or "export",
        actor=request.user,
        via=SurveyImport.Via.API,
    )
    if outcome.refused:
        return Status(400, _refused(outcome.problems, outcome.total_problems))
    record = outcome.survey_import
    assert record is not None
    return Status(
        201,
        {
            "id": record.pk,
            "round": assessment.round,
            "file_name": record.file_name,
            "sha256": record.sha256,
            "size": record.size,
            "form_version": record.form_version,
            "rows": record.rows,
            "imported": record.imported,
            "duplicates": record.duplicates,
        },
    )


def _refused(problems: Sequence[core.Problem], total: int) -> dict[str, object]:
    listed = problems[:SHOWN]
    return {
        "detail": _("The file is refused; nothing was changed."),
        "code": "import_refused",
        "problems": [
            {"code": p.code, "row": p.row, "column": p.column, "message": describe(p)}
            for p in listed
        ],
        "total_problems": total,
    }
