"""Hromada's analytics core: numpy/pandas only, no framework, no I/O, no globals.

Modules are private; this package re-exports the public names.
"""

from hromada.core._errors import InputError
from hromada.core._survey_design import SurveyDesign, SurveyWarning
from hromada.core._survey_estimate import SurveyEstimates, survey_estimate

__all__ = [
    "InputError",
    "SurveyDesign",
    "SurveyEstimates",
    "SurveyWarning",
    "survey_estimate",
]
