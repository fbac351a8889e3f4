"""A risk's evidence trail: the app that owns a link's records describes it.

``RiskEvidence`` keeps only ``kind`` and ``reference``; what the trail shows
(a label, a detail line, a link) comes from a resolver of the owning app, so the
risks app never reaches into another app's tables. A resolver takes the risk's
community and the references of its kind, and returns an ``EvidenceItem`` for
each reference it still finds (a dangling reference is simply left out).

Resolvers are named by dotted path and imported lazily: an app adds its kind
here and writes ``<app>/evidence.py`` with ``describe(community, references)``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import import_module

from hromada.web.communities.models import Community


@dataclass(frozen=True)
class EvidenceItem:
    kind: str
    reference: str
    label: str
    detail: str = ""
    url: str = ""


Resolver = Callable[[Community, Sequence[str]], dict[str, EvidenceItem]]

# kind -> "module:function"; the kinds are RiskEvidence.Kind values.
RESOLVERS: dict[str, str] = {
    "result": "hromada.web.analysis.evidence:describe",
    "statistic": "hromada.web.evidence.risk_links:describe_statistics",
    "hotspot": "hromada.web.evidence.risk_links:describe_hotspots",
    "dialogue": "hromada.web.dialogues.evidence:describe",
}


def resolver_for(kind: str) -> Resolver | None:
    path = RESOLVERS.get(kind)
    if path is None:
        return None
    module, _, name = path.partition(":")
    resolver: Resolver = getattr(import_module(module), name)
    return resolver


KIND_ORDER = ("result", "statistic", "hotspot", "dialogue", "other")


def _kind_place(kind: str) -> int:
    return KIND_ORDER.index(kind) if kind in KIND_ORDER else len(KIND_ORDER)


def trail(
    community: Community, links: Sequence[tuple[str, str, str]]
) -> list[EvidenceItem]:
    """What the trail shows for ``(kind, reference, note)`` links, by kind.

    A kind whose app is not installed yet (its module cannot be imported) and
    the kind ``other`` show the bare reference and note, so a link is never lost
    from sight.
    """
    by_kind: dict[str, list[tuple[str, str]]] = {}
    for kind, reference, note in links:
        by_kind.setdefault(kind, []).append((reference, note))
    items: list[EvidenceItem] = []
    for kind in sorted(by_kind, key=_kind_place):
        pairs = by_kind[kind]
        try:
            resolver = resolver_for(kind)
        except (ImportError, AttributeError):
            resolver = None
        found = resolver(community, [r for r, _n in pairs]) if resolver else None
        for reference, note in pairs:
            if found is None:
                items.append(EvidenceItem(kind, reference, reference, note))
            elif reference in found:
                items.append(found[reference])
    return items
