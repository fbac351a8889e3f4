"""What an analysis run says when it cannot compute, or computes with a caveat.

A run stores its problems as ``{"code", "level", "params"}`` (JSON, no
language); pages and the API translate them with :func:`describe` in the
reader's language.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _

ERROR = "error"
WARNING = "warning"

MESSAGES = {
    "too_few_responses": _(
        "The round has %(n)s responses: at least %(minimum)s are needed for any "
        "estimate. Nothing was computed."
    ),
    "missing_weight": _(
        "%(count)s responses have no sampling weight, but the round's design names "
        "the weight column “%(column)s”. Nothing was computed."
    ),
    "missing_stratum": _(
        "%(count)s responses have no stratum, but the round's design names the "
        "stratum column “%(column)s”. Nothing was computed."
    ),
    "missing_psu": _(
        "%(count)s responses have no PSU, but the round's design names the PSU "
        "column “%(column)s”. Nothing was computed."
    ),
    "design_error": _(
        "The sampling design cannot be used (%(detail)s). Nothing was computed."
    ),
    "internal_error": _(
        "The computation stopped on an unexpected error; the previous results are kept."
    ),
    "interrupted": _(
        "The computation was interrupted (the worker stopped); ask for it again."
    ),
    "not_comparable": _(
        "Not comparable with round %(previous)s (framework %(before)s → %(after)s): "
        "the items or scales of %(indicators)s differ, so no change is shown for "
        "them."
    ),
    "no_expert_ratings": _(
        "No expert ratings in this round: E1–E4 are missing and the Security "
        "Potential Index is computed without them."
    ),
    "unknown_index_method": _(
        "The index %(code)s uses a method Hromada does not know; it is left out."
    ),
    "no_statistics": _(
        "No official statistics for this community: T1–T10 are missing and the "
        "Conflict Potential Index uses the survey alone."
    ),
    "lonely_psu": _(
        "Some strata hold a single primary sampling unit: their variance is "
        "estimated by the usual adjustment, so intervals there are approximate."
    ),
    "lonely_ssu": _(
        "Some primary sampling units hold a single second-stage unit: their "
        "variance is estimated by the usual adjustment, so intervals are approximate."
    ),
}

# Caveats of the statistics core that a run reports, in this order. Cell-level
# ones (no degrees of freedom, say) are left out: they mostly concern groups
# too small to publish, which suppression hides anyway.
DESIGN_WARNINGS = ("lonely_psu", "lonely_ssu")

STAGES = {
    "queued": _("waiting for the worker"),
    "frame": _("reading the responses"),
    "scores": _("scoring the indicators"),
    "estimates": _("estimating for the community and its groups"),
    "indices": _("statistics, expert ratings and indices"),
    "suppression": _("suppressing small groups"),
    "gaps": _("comparing vulnerable groups with the rest"),
    "change": _("comparing with the previous round"),
    "reliability": _("checking reliability"),
    "saving": _("saving the results"),
    "done": _("done"),
    "failed": _("failed"),
}


def problem(code: str, level: str = ERROR, /, **params: Any) -> dict[str, Any]:
    return {"code": code, "level": level, "params": params}


def describe(found: Mapping[str, Any]) -> str:
    """A stored problem as a sentence in the active language."""
    template = MESSAGES.get(str(found.get("code")))
    if template is None:
        return str(found.get("code"))
    try:
        return str(template) % dict(found.get("params") or {})
    except (KeyError, TypeError, ValueError):
        return str(found.get("code"))


def stage_label(stage: str) -> str:
    return str(STAGES.get(stage, stage))
