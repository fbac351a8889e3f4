"""Hromada's analytics core: numpy/pandas only, no framework, no I/O, no globals.

Modules are private; this package re-exports the public names.
"""

from hromada.core._errors import InputError
from hromada.core._survey_change import (
    CHANGE_CLASSES,
    benjamini_hochberg,
    change_independent,
    classify_change,
)
from hromada.core._survey_contrast import (
    SurveyContrasts,
    survey_change,
    survey_contrast,
)
from hromada.core._survey_declaration import SurveyDesign, SurveyWarning
from hromada.core._survey_estimate import SurveyEstimates, survey_estimate
from hromada.core._survey_risk import equity_flags, perception_shares

__all__ = [
    "CHANGE_CLASSES",
    "InputError",
    "SurveyContrasts",
    "SurveyDesign",
    "SurveyEstimates",
    "SurveyWarning",
    "benjamini_hochberg",
    "change_independent",
    "classify_change",
    "equity_flags",
    "perception_shares",
    "survey_change",
    "survey_contrast",
    "survey_estimate",
]
