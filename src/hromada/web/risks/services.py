"""Writes of the risk register; every write goes through a function here."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hromada import core
from hromada.web.analysis.evidence import reference as result_reference
from hromada.web.audit.models import AuditEvent
from hromada.web.audit.services import Actor, audit_record
from hromada.web.communities.models import Community
from hromada.web.evidence.risk_links import hotspot_references, statistic_references
from hromada.web.risks import catalogue
from hromada.web.risks.models import Capacity, Risk, RiskEvidence
from hromada.web.risks.readings import (
    SUGGEST_SHARE,
    RoundReadings,
    read_round,
)
from hromada.web.stakeholders.models import Stakeholder
from hromada.web.surveys.frameworks import framework_of
from hromada.web.surveys.models import Assessment

RISK_FIELDS = (
    "title",
    "title_en",
    "domain",
    "description",
    "location",
    "affected_groups",
    "likelihood",
    "impact",
    "status",
)
# The kinds the register refresh keeps in step with the round; dialogue and
# other links belong to their own writers.
REFRESHED_KINDS = (
    RiskEvidence.Kind.RESULT,
    RiskEvidence.Kind.STATISTIC,
    RiskEvidence.Kind.HOTSPOT,
)


def _scored(risk: Risk) -> None:
    if risk.likelihood is not None and risk.impact is not None:
        risk.score, _band = catalogue.score(risk.likelihood, risk.impact)
    else:
        risk.score = None


def _save(risk: Risk) -> Risk:
    risk.full_clean()  # before scoring: the core refuses what the model would
    _scored(risk)
    risk.save()
    return risk


@transaction.atomic
def risk_create(
    *,
    community: Community,
    actor: Actor,
    code: str = "",
    title: str = "",
    **fields: Any,
) -> Risk:
    """Add a risk from the catalogue (``code``: the title comes from it unless
    given) or a custom one (``title``). A catalogue risk the register already
    holds is refused; one that was suggested or dismissed comes back open."""
    unknown = set(fields) - set(RISK_FIELDS)
    if unknown:
        raise TypeError(f"unknown risk fields: {sorted(unknown)}")
    risk = Risk(community=community)
    if code:
        item = catalogue.catalogue(catalogue.framework_for(community)).get(code)
        if item is None:
            raise ValidationError(
                {"code": _("There is no such risk in the catalogue.")}
            )
        earlier = Risk.objects.of(community).filter(code=code).first()
        if earlier is not None and earlier.status not in (
            Risk.Status.SUGGESTED,
            Risk.Status.DISMISSED,
        ):
            raise ValidationError(
                {"code": _("This risk of the catalogue is already in the register.")}
            )
        risk = earlier or risk
        risk.code = code
        risk.title = title.strip() or item.label.uk
        risk.title_en = fields.pop("title_en", "") or item.label.en
    elif not title.strip():
        raise ValidationError(
            {"title": _("Choose a risk of the catalogue or name one.")}
        )
    else:
        risk.title = title.strip()
    fields.setdefault("status", Risk.Status.OPEN)
    for name, value in fields.items():
        setattr(risk, name, value)
    return _save(risk)


@transaction.atomic
def risk_update(*, risk: Risk, actor: Actor, **fields: Any) -> Risk:
    """Change a risk's own fields; the score follows likelihood and impact."""
    unknown = set(fields) - set(RISK_FIELDS)
    if unknown:
        raise TypeError(f"unknown risk fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(risk, name, value.strip() if isinstance(value, str) else value)
    return _save(risk)


def risk_suggestion_accept(*, risk: Risk, actor: Actor) -> Risk:
    """Take a suggested risk into the register (open, to be scored)."""
    if risk.status != Risk.Status.SUGGESTED:
        raise ValidationError(_("Only a suggested risk can be accepted."))
    return risk_update(risk=risk, actor=actor, status=Risk.Status.OPEN)


def risk_suggestion_dismiss(*, risk: Risk, actor: Actor) -> Risk:
    """Dismiss a suggestion; the refresh never suggests this risk again."""
    if risk.status != Risk.Status.SUGGESTED:
        raise ValidationError(_("Only a suggested risk can be dismissed."))
    return risk_update(risk=risk, actor=actor, status=Risk.Status.DISMISSED)


@transaction.atomic
def risk_register_refresh(*, assessment: Assessment) -> list[Risk]:
    """Bring the register in line with an analysed round; returns new suggestions.

    Every catalogue risk of the community gets the round's perception share
    (none when suppressed or not asked), equity flag and groups, trend and its
    evidence links; catalogue risks not yet in the register that the evidence
    points at are suggested. A dismissed risk is never suggested again. Safe to
    run with no results: the register keeps its risks, numbers cleared.
    A round older than one already analysed changes nothing (re-analysing an
    old round must not turn the register back).
    """
    community = assessment.community
    later = Assessment.objects.of(community).filter(
        round__gt=assessment.round, results__isnull=False
    )
    if later.exists():
        return []
    framework = framework_of(assessment.framework)
    items = catalogue.catalogue(framework)
    readings = read_round(assessment)
    held = {r.code: r for r in Risk.objects.of(community).exclude(code="")}
    for code, risk in held.items():
        if code in items:
            _refresh_one(risk, items[code], readings)
    suggested = []
    if readings.has_results:
        top = set(readings.top_shares(list(items)))
        for code, item in items.items():
            if code in held:
                continue
            share = readings.share(code)
            high = (
                share is not None
                and share.estimate is not None
                and (share.estimate >= SUGGEST_SHARE or code in top)
            )
            if high or readings.poor_indicators(item, framework):
                risk = Risk.objects.create(
                    community=community,
                    code=code,
                    title=item.label.uk,
                    title_en=item.label.en,
                    status=Risk.Status.SUGGESTED,
                )
                _refresh_one(risk, item, readings)
                suggested.append(risk)
    return suggested


def _refresh_one(risk: Risk, item: core.Risk, readings: RoundReadings) -> None:
    share = readings.share(item.code)
    risk.assessment = readings.assessment
    risk.perception_share = share.estimate if share else None
    risk.perception_ci_low = share.ci_low if share else None
    risk.perception_ci_high = share.ci_high if share else None
    risk.perception_n = share.n if share else None
    risk.equity_groups = readings.equity_groups(item)
    risk.equity_flag = bool(risk.equity_groups)
    risk.trend = readings.trend(item.code)
    risk.save()
    _link_evidence(risk, item, readings)


def _link_evidence(risk: Risk, item: core.Risk, readings: RoundReadings) -> None:
    round = readings.assessment.round
    codes = [catalogue.perception_code(item.code), *item.evidence]
    wanted = {
        (RiskEvidence.Kind.RESULT, result_reference(round, code))
        for code in codes
        if code in readings.results
    }
    wanted |= {
        (RiskEvidence.Kind.STATISTIC, code)
        for code in statistic_references(risk.community, item.evidence)
    }
    wanted |= {
        (RiskEvidence.Kind.HOTSPOT, pk)
        for pk in hotspot_references(risk.community, item.code)
    }
    for link in risk.evidence.filter(kind__in=REFRESHED_KINDS):
        if (link.kind, link.reference) not in wanted:
            link.delete()
    for kind, reference in sorted(wanted):
        risk_evidence_link(risk=risk, kind=kind, reference=reference)


@transaction.atomic
def capacity_set(
    *,
    community: Community,
    actor: Actor,
    scores: Mapping[str, int | None],
    stakeholder: Stakeholder | None = None,
    notes: Mapping[str, str] | None = None,
) -> list[Capacity]:
    """Set the capacity scores 1–5 of a stakeholder (or community-wide) by
    dimension; a dimension given ``None`` loses its score."""
    if stakeholder is not None and stakeholder.community_id != community.pk:
        raise ValidationError(_("The stakeholder is not on this community's map."))
    unknown = set(scores) - set(Capacity.Dimension.values)
    if unknown:
        raise ValidationError(_("Unknown capacity dimension."))
    saved = []
    for dimension, value in scores.items():
        existing = Capacity.objects.filter(
            community=community, stakeholder=stakeholder, dimension=dimension
        )
        if value is None:
            existing.delete()
            continue
        capacity = existing.first() or Capacity(
            community=community, stakeholder=stakeholder, dimension=dimension
        )
        capacity.score = value
        capacity.note = (notes or {}).get(dimension, capacity.note)
        capacity.full_clean(validate_constraints=False)
        capacity.save()
        saved.append(capacity)
    return saved


@transaction.atomic
def risk_dialogue_ranks_set(*, community: Community, ordered: Sequence[Risk]) -> None:
    """Record the order a dialogue agreed: ``ordered[0]`` gets rank 1.

    Risks of the community left out of ``ordered`` lose any earlier dialogue
    rank, so the register never shows ranks from two different decisions.
    """
    if any(risk.community_id != community.pk for risk in ordered):
        raise ValueError("every ranked risk must belong to the community")
    Risk.objects.of(community).update(dialogue_rank=None)
    for rank, risk in enumerate(ordered, start=1):
        Risk.objects.filter(pk=risk.pk).update(dialogue_rank=rank)


def risk_evidence_link(
    *, risk: Risk, kind: str, reference: str, note: str = ""
) -> RiskEvidence:
    """Add a link to the risk's evidence trail (idempotent: one link per reference)."""
    link, _ = RiskEvidence.objects.update_or_create(
        risk=risk, kind=kind, reference=reference, defaults={"note": note}
    )
    return link


def risk_evidence_unlink(*, kind: str, reference: str, risk: Risk | None = None) -> int:
    """Remove links to ``reference`` (from every risk unless ``risk`` is given).

    The owning app calls this when its record goes, so no trail points at
    something deleted.
    """
    links = RiskEvidence.objects.filter(kind=kind, reference=reference)
    if risk is not None:
        links = links.filter(risk=risk)
    deleted, _ = links.delete()
    return deleted


@transaction.atomic
def risk_register_clear(*, community: Community, actor: Actor) -> int:
    """Delete the community's whole register and capacity scores (audited)."""
    risks, _ = Risk.objects.of(community).delete()
    capacities, _ = Capacity.objects.filter(community=community).delete()
    if risks or capacities:
        audit_record(
            actor=actor,
            action=AuditEvent.Action.DELETION,
            community=community,
            detail={"risk_register": True, "deleted": risks + capacities},
        )
    return risks + capacities
