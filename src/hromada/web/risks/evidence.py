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
    "dialogue": "hromada.web.dialogues.evidence:describe",
}


def resolver_for(kind: str) -> Resolver | None:
    path = RESOLVERS.get(kind)
    if path is None:
        return None
    module, _, name = path.partition(":")
    resolver: Resolver = getattr(import_module(module), name)
    return resolver
