"""Writes of the risk register; every write goes through a function here."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction

from hromada.web.communities.models import Community
from hromada.web.risks.models import Risk, RiskEvidence


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
