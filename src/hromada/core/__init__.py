"""Hromada's analytics core: numpy/pandas only, no framework, no I/O, no globals.

Modules are private; this package re-exports the public names.
"""

from hromada.core._errors import InputError
from hromada.core._index_framework import IndexFramework, index_framework
from hromada.core._index_pipeline import (
    AggregateStep,
    DenominateStep,
    ImputeStep,
    IndexPipeline,
    NormaliseParams,
    NormaliseStep,
    ScreenStep,
    TreatStep,
    parse_index_pipeline,
)
from hromada.core._indices import (
    DatasetChecksum,
    IndexResult,
    IndexWarning,
    StepLog,
    build_index,
    pipeline_from_log,
    rank_scores,
    regenerate_index,
)
from hromada.core._inform import (
    goalpost_scores,
    indicator_class,
    inform_geometric_mean,
    risk_class,
)
from hromada.core._normalisation import BaselineNormaliser, normalise_values
from hromada.core._scales import (
    ItemAnalysis,
    ScaleItem,
    cronbach_alpha,
    item_analysis,
    scale_scores,
    unit_scores,
)
from hromada.core._sensitivity import (
    Assumption,
    SensitivityPlan,
    SensitivityResult,
    SensitivitySpec,
    SobolResult,
    UncertaintyResult,
    WeightsNoise,
    default_assumptions,
    index_sensitivity,
    index_uncertainty,
    parse_sensitivity_spec,
    run_plan,
    sensitivity_plan,
    sobol_indices,
)
from hromada.core._treatment import TreatmentRecord, kurtosis, log_ct, skewness, treat_indicator

__all__ = [
    "AggregateStep",
    "Assumption",
    "BaselineNormaliser",
    "DatasetChecksum",
    "DenominateStep",
    "ImputeStep",
    "IndexFramework",
    "IndexPipeline",
    "IndexResult",
    "IndexWarning",
    "InputError",
    "ItemAnalysis",
    "NormaliseParams",
    "NormaliseStep",
    "ScaleItem",
    "ScreenStep",
    "SensitivityPlan",
    "SensitivityResult",
    "SensitivitySpec",
    "SobolResult",
    "StepLog",
    "TreatStep",
    "TreatmentRecord",
    "UncertaintyResult",
    "WeightsNoise",
    "build_index",
    "cronbach_alpha",
    "default_assumptions",
    "goalpost_scores",
    "index_framework",
    "index_sensitivity",
    "index_uncertainty",
    "indicator_class",
    "inform_geometric_mean",
    "item_analysis",
    "kurtosis",
    "log_ct",
    "normalise_values",
    "parse_index_pipeline",
    "parse_sensitivity_spec",
    "pipeline_from_log",
    "rank_scores",
    "regenerate_index",
    "risk_class",
    "run_plan",
    "scale_scores",
    "sensitivity_plan",
    "skewness",
    "sobol_indices",
    "treat_indicator",
    "unit_scores",
]
