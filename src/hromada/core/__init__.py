"""Hromada's analytics core: numpy/pandas only, no framework, no I/O, no globals.

Modules are private; this package re-exports the public names.
"""

from hromada.core._bradley_terry import BradleyTerryFit, bradley_terry
from hromada.core._disclosure import (
    Relation,
    Suppression,
    category_relations,
    hierarchy_relations,
    suppress_cells,
)
from hromada.core._errors import InputError
from hromada.core._networks import (
    FINDING_CODES,
    KEY_ACTOR_TYPES,
    RELATION_KINDS,
    STAKEHOLDER_TYPES,
    CooperationNetwork,
    NetworkFinding,
    cooperation_network,
)
from hromada.core._ranking import (
    RANKING_METHODS,
    GroupRankings,
    RankingMethod,
    borda_scores,
    dot_vote_scores,
    group_rankings,
    pairwise_pair_weights,
    pairwise_scores,
)
from hromada.core._risks import (
    RISK_BANDS,
    RankComparison,
    combine_expert_ratings,
    compare_risk_ranks,
    kendall_tau_b,
    risk_scores,
)

__all__ = [
    "BradleyTerryFit",
    "CooperationNetwork",
    "FINDING_CODES",
    "GroupRankings",
    "InputError",
    "KEY_ACTOR_TYPES",
    "NetworkFinding",
    "RANKING_METHODS",
    "RELATION_KINDS",
    "RISK_BANDS",
    "RankComparison",
    "RankingMethod",
    "Relation",
    "STAKEHOLDER_TYPES",
    "Suppression",
    "borda_scores",
    "bradley_terry",
    "category_relations",
    "combine_expert_ratings",
    "compare_risk_ranks",
    "cooperation_network",
    "dot_vote_scores",
    "group_rankings",
    "hierarchy_relations",
    "kendall_tau_b",
    "pairwise_pair_weights",
    "pairwise_scores",
    "risk_scores",
    "suppress_cells",
]
