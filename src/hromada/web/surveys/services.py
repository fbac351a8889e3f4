"""Every write of the survey app: framework versions, settlements, assessments,
their sampling design, and imports of Kobo/ODK exports.

An import is all or nothing: the core reads and checks the file without touching
the database; only a file without problems is written, in one transaction, with
its SHA-256, size, form version and importer recorded and an audit event.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from django.conf import settings
from django.db import transaction

from hromada import core
from hromada.web.accounts.models import User
from hromada.web.audit.models import AuditEvent
from hromada.web.audit.services import Actor, audit_record
from hromada.web.communities.models import Community
from hromada.web.surveys.frameworks import framework_of
from hromada.web.surveys.models import (
    Assessment,
    FrameworkVersion,
    Response,
    Settlement,
    SurveyImport,
)

# Design columns an assessment may name, as the export carries them.
WEIGHT_COLUMNS = ("W",)
STRATA_COLUMNS = ("STRATUM", "D6")
PSU_COLUMNS = ("PSU",)
# Raking margins the facilitator may enter: sex and age group.
MARGIN_COLUMNS = {"D1": "sex", "D2": "age_group"}
FLAGS = {"D3": "idp", "D4": "veteran_household", "D5": "disability_household"}
BATCH = 2000


@dataclass(frozen=True, slots=True)
class ImportOutcome:
    """An import: the record written, or the problems that refused the file."""

    survey_import: SurveyImport | None
    problems: tuple[core.Problem, ...] = ()
    total_problems: int = 0
    rows: int = 0

    @property
    def refused(self) -> bool:
        return self.survey_import is None


# -- frameworks ---------------------------------------------------------------


def framework_version_add(*, text: str, actor: Actor) -> FrameworkVersion:
    """Store a new framework version after checking it; ProblemsError if not."""
    framework = core.parse_framework(text)
    if FrameworkVersion.objects.filter(
        code=framework.code, version=framework.version
    ).exists():
        name = f"{framework.code} {framework.version}"
        raise core.ProblemsError(
            [
                core.Problem(
                    "version_exists",
                    f"version {name} is already stored",
                    value=name,
                )
            ]
        )
    version = FrameworkVersion.objects.create(
        code=framework.code,
        version=framework.version,
        name_uk=framework.title.uk[:200],
        name_en=framework.title.en[:200],
        text=text,
        sha256=FrameworkVersion.digest(text),
        added_by=actor if isinstance(actor, User) else None,
    )
    audit_record(
        actor=actor,
        action=AuditEvent.Action.IMPORT,
        obj=version,
        detail={"framework": framework.code, "version": framework.version},
    )
    return version


# -- settlements --------------------------------------------------------------


def settlements_set(
    *, community: Community, names: Sequence[tuple[str, str]], actor: Actor
) -> list[Settlement]:
    """Replace the community's settlement list, keeping the codes of names kept.

    ``names`` are (Ukrainian, English) pairs in order. A name seen before keeps
    its code, a new one gets the next unused code, and codes are never reused.
    """
    with transaction.atomic():
        current = {s.name_uk.casefold(): s for s in community.settlements.all()}
        used = [int(s.code[1:]) for s in Settlement.objects.filter(community=community)]
        next_code = max(used, default=0) + 1
        kept: list[Settlement] = []
        for position, (name_uk, name_en) in enumerate(names):
            found = current.pop(name_uk.casefold(), None)
            if found is None:
                found = Settlement(community=community, code=f"s{next_code:02d}")
                next_code += 1
            found.name_uk, found.name_en, found.position = name_uk, name_en, position
            found.save()
            kept.append(found)
        Settlement.objects.filter(pk__in=[s.pk for s in current.values()]).delete()
        audit_record(
            actor=actor,
            action=AuditEvent.Action.REGISTRY_CHANGED,
            community=community,
            detail={"settlements": [s.code for s in kept]},
        )
    return kept


def settlement_choices(community: Community) -> list[core.Settlement]:
    """The community's settlements as the core's D6 choices (codes are stable)."""
    return [
        core.Settlement(s.code, core.Label(s.name_uk, s.name_en or s.name_uk))
        for s in Settlement.objects.filter(community=community)
    ]


# -- assessments --------------------------------------------------------------


def assessment_create(
    *,
    community: Community,
    round: str,
    framework: FrameworkVersion,
    actor: Actor,
    period_start: dt.date | None = None,
    period_end: dt.date | None = None,
    notes: str = "",
) -> Assessment:
    assessment = Assessment.objects.create(
        community=community,
        round=round,
        framework=framework,
        period_start=period_start,
        period_end=period_end,
        notes=notes,
    )
    audit_record(
        actor=actor,
        action=AuditEvent.Action.REGISTRY_CHANGED,
        obj=assessment,
        community=community,
        detail={"assessment": round, "framework": str(framework)},
    )
    return assessment


def assessment_design_set(
    *,
    assessment: Assessment,
    actor: Actor,
    weight_column: str = "",
    strata_column: str = "",
    psu_column: str = "",
    margins: Mapping[str, Mapping[str, float]] | None = None,
) -> Assessment:
    """Set the sampling design and raking margins, and recompute the weights.

    Raises ``core.InputError`` when the responses do not fit the design (a
    response without a weight or PSU, a margin the data cannot meet).
    """
    for value, allowed in (
        (weight_column, WEIGHT_COLUMNS),
        (strata_column, STRATA_COLUMNS),
        (psu_column, PSU_COLUMNS),
    ):
        if value and value not in allowed:
            raise core.InputError("unknown_value", f"{value!r} is not a design column")
    with transaction.atomic():
        assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
        assessment.weight_column = weight_column
        assessment.strata_column = strata_column
        assessment.psu_column = psu_column
        assessment.raking_margins = {k: dict(v) for k, v in (margins or {}).items()}
        _apply_design(assessment)
        assessment.save()
        audit_record(
            actor=actor,
            action=AuditEvent.Action.REGISTRY_CHANGED,
            obj=assessment,
            community=assessment.community,
            detail={
                "design": {
                    "weight": weight_column,
                    "strata": strata_column,
                    "psu": psu_column,
                },
                "margins": assessment.raking_margins,
            },
        )
    return assessment


def _design_values(
    assessment: Assessment, answers: Mapping[str, Any], settlement: str
) -> tuple[float | None, str, str]:
    weight = answers.get(assessment.weight_column) if assessment.weight_column else None
    if assessment.strata_column == "D6":
        stratum = settlement
    else:
        stratum = str(answers.get(assessment.strata_column) or "")
    psu = str(answers.get(assessment.psu_column) or "") if assessment.psu_column else ""
    return (float(weight) if weight is not None else None), stratum, psu


def _apply_design(assessment: Assessment) -> None:
    """Recompute design weight, stratum, PSU and the analysis weight of every
    response from the stored answers and the assessment's design."""
    responses = list(
        Response.objects.for_assessment(assessment).only(
            "pk", "answers", "settlement", "sex", "age_group"
        )
    )
    missing = {"weight": 0, "psu": 0}
    for response in responses:
        weight, stratum, psu = _design_values(
            assessment, response.answers, response.settlement
        )
        response.design_weight, response.stratum, response.psu = weight, stratum, psu
        missing["weight"] += bool(assessment.weight_column) and weight is None
        missing["psu"] += bool(assessment.psu_column) and not psu
    for what, count in missing.items():
        if count:
            raise core.InputError(
                f"missing_{what}",
                f"{count} responses have no {what}",
                column=what,
                row=count,
            )
    _rake(assessment, responses)
    Response.objects.bulk_update(
        responses,
        ["design_weight", "weight", "stratum", "psu"],
        batch_size=BATCH,
    )


def _rake(assessment: Assessment, responses: list[Response]) -> None:
    base = [r.design_weight if r.design_weight is not None else 1.0 for r in responses]
    margins = assessment.raking_margins
    if not margins or not responses:
        for response, weight in zip(responses, base, strict=True):
            response.weight = weight
        assessment.raking_converged = None
        return
    frame = pd.DataFrame(
        {
            code: [getattr(r, field) or None for r in responses]
            for code, field in MARGIN_COLUMNS.items()
        }
    )
    # Sex "other or prefer not to say" has no population total: left out.
    frame["D1"] = frame["D1"].where(frame["D1"] != "other", None)
    raked = core.rake_weights(frame, margins, weights=pd.Series(base))
    for response, weight in zip(responses, raked.weights, strict=True):
        response.weight = float(weight)
    assessment.raking_converged = raked.converged


# -- imports ------------------------------------------------------------------


def pseudonym_key() -> bytes:
    return str(settings.HROMADA_PSEUDONYM_KEY).encode("utf-8")


def survey_import_create(
    *,
    assessment: Assessment,
    blob: bytes,
    file_name: str,
    actor: Actor,
    via: SurveyImport.Via,
) -> ImportOutcome:
    """Import a Kobo/ODK export into an assessment: all rows, or none.

    Submissions already in the assessment (the same submission id) are
    counted and skipped; a submission already in another round of the
    community refuses the file.
    """
    framework = framework_of(assessment.framework)
    export = core.read_kobo_export(
        blob,
        framework,
        settlements=settlement_choices(assessment.community),
        max_rows=settings.HROMADA_IMPORT_MAX_ROWS,
        max_bytes=settings.HROMADA_IMPORT_MAX_BYTES,
    )
    if export.frame is None:
        return ImportOutcome(None, export.problems, export.total_problems, export.rows)
    frame = export.frame
    respondents = core.respondent_pseudonyms(frame["uuid"], pseudonym_key())
    design = _design_problems(assessment, frame)
    if design:
        return ImportOutcome(None, tuple(design[:100]), len(design), export.rows)
    with transaction.atomic():
        # One import at a time per assessment: the duplicate check stays true.
        locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
        elsewhere = _imported_elsewhere(locked, frame, respondents)
        if elsewhere:
            return ImportOutcome(
                None, tuple(elsewhere[:100]), len(elsewhere), export.rows
            )
        here = set(
            Response.objects.for_assessment(locked).values_list("respondent", flat=True)
        )
        new = [i for i, r in enumerate(respondents) if r not in here]
        record = SurveyImport.objects.create(
            assessment=locked,
            file_name=file_name[:255],
            sha256=hashlib.sha256(blob).hexdigest(),
            size=len(blob),
            file_format=export.format or "",
            form_version=", ".join(export.versions)[:100],
            rows=export.rows,
            imported=len(new),
            duplicates=len(respondents) - len(new),
            imported_by=actor if isinstance(actor, User) else None,
            via=via,
        )
        _create_responses(locked, record, frame, respondents, new, framework)
        if locked.raking_margins and new:
            _apply_design(locked)
            locked.save(update_fields=["raking_converged"])
        if locked.status == Assessment.Status.PLANNED and new:
            locked.status = Assessment.Status.COLLECTING
            locked.save(update_fields=["status"])
        audit_record(
            actor=actor,
            action=AuditEvent.Action.IMPORT,
            obj=record,
            community=locked.community,
            detail={
                "round": locked.round,
                "file": record.file_name,
                "sha256": record.sha256,
                "rows": record.rows,
                "imported": record.imported,
                "duplicates": record.duplicates,
                "via": via,
            },
        )
    return ImportOutcome(record, rows=export.rows)


def _design_problems(assessment: Assessment, frame: pd.DataFrame) -> list[core.Problem]:
    problems = []
    for column in (assessment.weight_column, assessment.psu_column):
        if not column:
            continue
        empty = frame[column].isna().to_numpy()
        for row in frame["row"].to_numpy()[empty]:
            message = f"row {row}, column {column!r}: the design needs a value"
            problems.append(core.Problem("missing_value", message, int(row), column))
    return problems


def _imported_elsewhere(
    assessment: Assessment, frame: pd.DataFrame, respondents: list[str]
) -> list[core.Problem]:
    other = dict(
        Response.objects.filter(assessment__community=assessment.community)
        .exclude(assessment=assessment)
        .values_list("respondent", "assessment__round")
    )
    if not other:
        return []
    problems = []
    for row, respondent in zip(frame["row"], respondents, strict=True):
        if respondent in other:
            round_ = other[respondent]
            message = f"row {row}: already imported into round {round_}"
            problems.append(
                core.Problem(
                    "imported_elsewhere", message, int(row), "_uuid", expected=round_
                )
            )
    return problems


def _create_responses(
    assessment: Assessment,
    record: SurveyImport,
    frame: pd.DataFrame,
    respondents: list[str],
    new: list[int],
    framework: core.Framework,
) -> None:
    rows = frame.iloc[new]
    answers = _answer_records(rows, framework)
    submitted = pd.to_datetime(
        rows["submitted_at"], errors="coerce", utc=True, format="ISO8601"
    )
    moments = [None if pd.isna(m) else m.to_pydatetime() for m in submitted]
    profile = {code: [_text(v) for v in rows[code]] for code in ("D1", "D2", "D6")}
    flags = {code: [_flag(v) for v in rows[code]] for code in FLAGS}
    objects = []
    for position, index in enumerate(new):
        values = answers[position]
        settlement = profile["D6"][position]
        weight, stratum, psu = _design_values(assessment, values, settlement)
        objects.append(
            Response(
                assessment=assessment,
                survey_import=record,
                respondent=respondents[index],
                submitted_at=moments[position],
                design_weight=weight,
                weight=weight if weight is not None else 1.0,
                stratum=stratum,
                psu=psu,
                sex=profile["D1"][position],
                age_group=profile["D2"][position],
                idp=flags["D3"][position],
                veteran_household=flags["D4"][position],
                disability_household=flags["D5"][position],
                settlement=settlement,
                answers=values,
            )
        )
    Response.objects.bulk_create(objects, batch_size=BATCH)


def _answer_records(
    frame: pd.DataFrame, framework: core.Framework
) -> list[dict[str, Any]]:
    """Answers as JSON objects keyed by code; missing answers are left out."""
    records: list[dict[str, Any]] = [{} for _ in range(len(frame))]
    for code in framework.items:
        _fill(records, code, frame[code].to_numpy(dtype=np.float64))
    # D1–D6 have typed columns of their own; the rest of the profile is kept here.
    for question in framework.profile:
        if question.code not in (*MARGIN_COLUMNS, *FLAGS, "D6"):
            _fill(records, question.code, frame[question.code].to_numpy(dtype=object))
    multiple = framework.risk_perception
    names = [choice.name for choice in multiple.choices]
    matrix = frame[[f"{multiple.code}/{n}" for n in names]].to_numpy(dtype=np.float64)
    for record, chosen in zip(records, matrix, strict=True):
        if not np.isnan(chosen).all():
            record[multiple.code] = [n for n, c in zip(names, chosen, strict=True) if c]
    for question in (*framework.open_questions, *framework.design):
        if question.code in frame:
            _fill(records, question.code, frame[question.code].to_numpy(dtype=object))
    return records


def _fill(records: list[dict[str, Any]], code: str, values: np.ndarray) -> None:
    for record, value in zip(records, values, strict=True):
        if value is None or (isinstance(value, float) and value != value):
            continue
        record[code] = float(value) if isinstance(value, float | np.floating) else value


def _text(value: object) -> str:
    return (
        ""
        if value is None or (isinstance(value, float) and value != value)
        else str(value)
    )


def _flag(value: object) -> bool | None:
    return {"yes": True, "no": False}.get(_text(value))


def survey_import_delete(*, survey_import: SurveyImport, actor: Actor) -> None:
    """Remove an import and its responses (a wrong file, a test round)."""
    assessment = survey_import.assessment
    with transaction.atomic():
        count = survey_import.responses.count()
        audit_record(
            actor=actor,
            action=AuditEvent.Action.DELETION,
            obj=survey_import,
            community=assessment.community,
            detail={
                "round": assessment.round,
                "file": survey_import.file_name,
                "responses": count,
            },
        )
        survey_import.delete()
        if assessment.raking_margins:
            _apply_design(assessment)
            assessment.save(update_fields=["raking_converged"])


def assessment_delete(*, assessment: Assessment, actor: Actor) -> None:
    """Remove a round with its imports, responses and expert ratings."""
    audit_record(
        actor=actor,
        action=AuditEvent.Action.DELETION,
        obj=assessment,
        community=assessment.community,
        detail={"round": assessment.round, "responses": assessment.responses.count()},
    )
    assessment.delete()


def framework_versions_ensure_shipped() -> list[FrameworkVersion]:
    """Store every shipped framework version that is not stored yet (a fresh or
    flushed database); the migration does the same on ``migrate``."""
    from hromada.frameworks import SHIPPED, shipped_text

    stored = []
    for name in SHIPPED:
        text = shipped_text(name)
        framework = core.parse_framework(text)
        version, _created = FrameworkVersion.objects.get_or_create(
            code=framework.code,
            version=framework.version,
            defaults={
                "name_uk": framework.title.uk[:200],
                "name_en": framework.title.en[:200],
                "text": text,
                "sha256": FrameworkVersion.digest(text),
                "shipped": True,
            },
        )
        stored.append(version)
    return stored
