"""Every write of official statistics, expert ratings and hotspots.

A statistics file is imported whole or not at all, like a survey export. Every
export of hotspots is audited: they are internal geodata.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction

from hromada import core
from hromada.web.accounts.models import User
from hromada.web.audit.models import AuditEvent
from hromada.web.audit.services import Actor, audit_record
from hromada.web.communities.models import Community
from hromada.web.evidence.models import ExpertRating, Hotspot, StatisticValue
from hromada.web.risks.models import RiskEvidence
from hromada.web.surveys.frameworks import default_version, framework_of
from hromada.web.surveys.models import Assessment


def _user(actor: Actor) -> User | None:
    return actor if isinstance(actor, User) else None


def statistics_framework() -> core.Framework:
    """Statistics follow the newest framework's T1–T10 and their units."""
    return framework_of(default_version())


@dataclass(frozen=True, slots=True)
class StatisticsOutcome:
    saved: int
    problems: tuple[core.Problem, ...] = ()
    total_problems: int = 0


def statistic_set(
    *,
    community: Community,
    indicator: str,
    period: int,
    value: float,
    source: str,
    actor: Actor,
    note: str = "",
) -> StatisticValue:
    """Enter or correct one figure; the rate comes from the community's population."""
    found = statistics_framework().indicators[indicator]
    assert found.source == "statistics" and found.unit is not None
    rate = core.statistic_rate(value, community.population, found.unit)
    statistic, _created = StatisticValue.objects.update_or_create(
        community=community,
        indicator=indicator,
        period=period,
        defaults={
            "value": value,
            "rate": rate,
            "population": community.population,
            "source": source,
            "note": note,
            "entered_by": _user(actor),
        },
    )
    return statistic


def statistics_import(
    *, community: Community, blob: bytes, file_name: str, actor: Actor
) -> StatisticsOutcome:
    """Import a statistics file (CSV or XLSX): every row, or none."""
    read = core.read_statistics(
        blob,
        statistics_framework(),
        max_rows=settings.HROMADA_IMPORT_MAX_ROWS,
        max_bytes=settings.HROMADA_IMPORT_MAX_BYTES,
    )
    if read.frame is None:
        return StatisticsOutcome(0, read.problems, read.total_problems)
    with transaction.atomic():
        for row in read.frame.to_dict("records"):
            statistic_set(
                community=community,
                indicator=str(row["indicator"]),
                period=int(row["period"]),
                value=float(row["value"]),
                source=str(row["source"]),
                note=str(row["note"]),
                actor=actor,
            )
        audit_record(
            actor=actor,
            action=AuditEvent.Action.IMPORT,
            community=community,
            detail={"statistics": file_name[:255], "rows": len(read.frame)},
        )
    return StatisticsOutcome(len(read.frame))


def statistic_delete(*, statistic: StatisticValue, actor: Actor) -> None:
    audit_record(
        actor=actor,
        action=AuditEvent.Action.DELETION,
        obj=statistic,
        community=statistic.community,
        detail={"indicator": statistic.indicator, "period": statistic.period},
    )
    statistic.delete()


def expert_rating_add(
    *,
    assessment: Assessment,
    indicator: str,
    rater: str,
    criteria: Mapping[str, int],
    actor: Actor,
    note: str = "",
) -> ExpertRating:
    """A rater's checklist for E1–E4 in an assessment, scored 0–10."""
    found = framework_of(assessment.framework).indicators[indicator]
    score = core.checklist_score(criteria, found)
    return ExpertRating.objects.create(
        community=assessment.community,
        assessment=assessment,
        indicator=indicator,
        rater=rater,
        criteria=dict(criteria),
        score=score,
        note=note,
        entered_by=_user(actor),
    )


def expert_rating_delete(*, rating: ExpertRating, actor: Actor) -> None:
    audit_record(
        actor=actor,
        action=AuditEvent.Action.DELETION,
        obj=rating,
        community=rating.community,
        detail={"indicator": rating.indicator, "rater": rating.rater},
    )
    rating.delete()


def hotspot_create(
    *,
    community: Community,
    latitude: float,
    longitude: float,
    category: str,
    time_of_day: str,
    actor: Actor,
    description: str = "",
) -> Hotspot:
    hotspot = Hotspot(
        community=community,
        latitude=latitude,
        longitude=longitude,
        category=category,
        time_of_day=time_of_day,
        description=description,
        created_by=_user(actor),
    )
    hotspot.full_clean()
    hotspot.save()
    return hotspot


def hotspot_update(
    *, hotspot: Hotspot, status: str, description: str, actor: Actor
) -> Hotspot:
    hotspot.status = status
    hotspot.description = description
    hotspot.full_clean()
    hotspot.save(update_fields=["status", "description", "updated_at"])
    return hotspot


@transaction.atomic
def hotspot_delete(*, hotspot: Hotspot, actor: Actor) -> None:
    audit_record(
        actor=actor,
        action=AuditEvent.Action.DELETION,
        obj=hotspot,
        community=hotspot.community,
        detail={"category": hotspot.category},
    )
    # The trail of a risk must not point at a hotspot that is gone. Imported
    # here: the risks services read this app's risk links at import time.
    from hromada.web.risks.services import risk_evidence_unlink

    risk_evidence_unlink(kind=RiskEvidence.Kind.HOTSPOT, reference=str(hotspot.pk))
    hotspot.delete()


EXPORT_COLUMNS = (
    "latitude",
    "longitude",
    "category",
    "time_of_day",
    "status",
    "description",
    "noted_at",
)


def hotspots_export(*, community: Community, actor: Actor) -> str:
    """The community's hotspots as CSV, for the working group's own map. Audited."""
    hotspots = list(Hotspot.objects.of(community))
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(EXPORT_COLUMNS)
    for h in hotspots:
        writer.writerow(
            [
                f"{h.latitude:.6f}",
                f"{h.longitude:.6f}",
                h.category,
                h.time_of_day,
                h.status,
                # A leading "=" would run as a formula in a spreadsheet.
                _safe_cell(h.description),
                h.created_at.isoformat(),
            ]
        )
    audit_record(
        actor=actor,
        action=AuditEvent.Action.EXPORT,
        community=community,
        detail={"hotspots": len(hotspots), "format": "csv", "internal": True},
    )
    return buffer.getvalue()


def _safe_cell(text: str) -> str:
    """Text a spreadsheet will not run: a leading = + - @ would start a formula."""
    return "'" + text if text[:1] and text[:1] in "=+-@" else text
