"""Hromada's analytics core: numpy/pandas only, no framework, no I/O, no globals.

Modules are private; this package re-exports the public names.
"""

from hromada.core._clusters import (
    Clustering,
    base_clusters,
    entry_order,
    group_clusters,
    in_conversation,
    mean_silhouette,
    opinion_kmeans,
)
from hromada.core._errors import InputError
from hromada.core._opinion import OpinionGroup, OpinionMap, analyse_opinions
from hromada.core._pca import OpinionPCA, opinion_pca
from hromada.core._repness import (
    Consensus,
    ConsensusStatement,
    DivisiveStatement,
    RepresentativeStatement,
    UncertainStatement,
    divisive_statements,
    group_aware_consensus,
    group_tallies,
    majority_consensus,
    representative_statements,
    uncertain_statements,
)
from hromada.core._routing import comment_priorities, next_statement
from hromada.core._votes import (
    VoteMatrix,
    build_vote_matrix,
    parse_polis_statements,
    parse_polis_votes,
)

__all__ = [
    "Clustering",
    "Consensus",
    "ConsensusStatement",
    "DivisiveStatement",
    "InputError",
    "OpinionGroup",
    "OpinionMap",
    "OpinionPCA",
    "RepresentativeStatement",
    "UncertainStatement",
    "VoteMatrix",
    "analyse_opinions",
    "base_clusters",
    "build_vote_matrix",
    "comment_priorities",
    "divisive_statements",
    "entry_order",
    "group_aware_consensus",
    "group_clusters",
    "group_tallies",
    "in_conversation",
    "majority_consensus",
    "mean_silhouette",
    "next_statement",
    "opinion_kmeans",
    "opinion_pca",
    "parse_polis_statements",
    "parse_polis_votes",
    "representative_statements",
    "uncertain_statements",
]
