"""The core's network findings (codes) put into plain Ukrainian and English.

Names are the user's own and cannot be declined, so every sentence keeps them
in the nominative: at the start before a colon or dash, or after a colon
("Поліція — Молодіжна рада: немає зв'язку"). Such sentences read naturally
whatever the name's gender, number or form.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hromada.core import NetworkFinding

# Worst first: what the working group should act on before anything else.
SEVERITY = {
    "key_actor_isolated": "high",
    "key_actors_not_connected": "high",
    "conflict_between": "high",
    "key_actor_single_link": "medium",
    "fragmented": "medium",
    "low_density": "medium",
    "isolates": "medium",
    "no_contact_between": "medium",
    "broker": "info",
}


@dataclass(frozen=True, slots=True)
class Sentence:
    finding: NetworkFinding
    text: str
    severity: str  # high, medium, info

    @property
    def code(self) -> str:
        return self.finding.code


def percent(share: float) -> str:
    return _("%(number)s%%") % {"number": number_format(round(100 * share))}


def listing(names: Sequence[str]) -> str:
    """Names joined as a sentence lists them: "A, B and C" / "А, Б і В"."""
    if len(names) == 1:
        return names[0]
    return _("%(items)s and %(last)s") % {
        "items": ", ".join(names[:-1]),
        "last": names[-1],
    }


def _low_density(f: NetworkFinding, name: Callable[[int], str]) -> str:
    return _(
        "The cooperation network is sparse: only %(share)s of the possible ties "
        "between stakeholders exist."
    ) % {"share": percent(f.value or 0.0)}


def _fragmented(f: NetworkFinding, name: Callable[[int], str]) -> str:
    count = f.count or 0
    return ngettext(
        "The network falls into %(count)s separate group that do not cooperate "
        "with each other; the largest holds %(share)s of the stakeholders.",
        "The network falls into %(count)s separate groups that do not cooperate "
        "with each other; the largest holds %(share)s of the stakeholders.",
        count,
    ) % {"count": count, "share": percent(f.value or 0.0)}


def _isolates(f: NetworkFinding, name: Callable[[int], str]) -> str:
    count = f.count or len(f.subjects)
    return ngettext(
        "%(count)s stakeholder has no cooperation ties: %(names)s.",
        "%(count)s stakeholders have no cooperation ties: %(names)s.",
        count,
    ) % {"count": count, "names": listing([name(i) for i in range(len(f.subjects))])}


def _key_actor_isolated(f: NetworkFinding, name: Callable[[int], str]) -> str:
    return _("%(name)s: a key actor that cooperates with no one.") % {"name": name(0)}


def _key_actor_single_link(f: NetworkFinding, name: Callable[[int], str]) -> str:
    return _("%(name)s: a key actor whose only cooperation partner is %(partner)s.") % {
        "name": name(0),
        "partner": name(1),
    }


def _key_actors_not_connected(f: NetworkFinding, name: Callable[[int], str]) -> str:
    return _(
        "%(first)s — %(second)s: these key actors are not connected, neither "
        "directly nor through others."
    ) % {"first": name(0), "second": name(1)}


def _broker(f: NetworkFinding, name: Callable[[int], str]) -> str:
    parts = f.count or 1
    if parts > 1:
        return ngettext(
            "%(name)s: a broker; without this stakeholder its group would fall "
            "into %(parts)s part.",
            "%(name)s: a broker; without this stakeholder its group would fall "
            "into %(parts)s parts.",
            parts,
        ) % {"name": name(0), "parts": parts}
    return _(
        "%(name)s: a broker; %(share)s of the shortest paths between other "
        "stakeholders run through it."
    ) % {"name": name(0), "share": percent(f.value or 0.0)}


def _conflict_between(f: NetworkFinding, name: Callable[[int], str]) -> str:
    return _("%(first)s — %(second)s: in conflict.") % {
        "first": name(0),
        "second": name(1),
    }


def _no_contact_between(f: NetworkFinding, name: Callable[[int], str]) -> str:
    return _("%(first)s — %(second)s: no contact.") % {
        "first": name(0),
        "second": name(1),
    }


WORDING: dict[str, Callable[[NetworkFinding, Callable[[int], str]], str]] = {
    "low_density": _low_density,
    "fragmented": _fragmented,
    "isolates": _isolates,
    "key_actor_isolated": _key_actor_isolated,
    "key_actor_single_link": _key_actor_single_link,
    "key_actors_not_connected": _key_actors_not_connected,
    "broker": _broker,
    "conflict_between": _conflict_between,
    "no_contact_between": _no_contact_between,
}


def sentence(finding: NetworkFinding, names: Mapping[Any, str]) -> str:
    """One finding in the active language; ``names`` maps stakeholder ids to names."""

    def name(position: int) -> str:
        return names[finding.subjects[position]]

    text = WORDING[finding.code](finding, name)
    return text[0].upper() + text[1:]


def sentences(
    findings: Sequence[NetworkFinding], names: Mapping[Any, str]
) -> list[Sentence]:
    """Every finding worded, worst first (the core's order within a severity)."""
    order = ("high", "medium", "info")
    worded = [Sentence(f, sentence(f, names), SEVERITY[f.code]) for f in findings]
    return sorted(worded, key=lambda s: order.index(s.severity))
