"""The survey design declaration and warnings as data (§1.1)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from hromada.core._errors import InputError

LonelyPsu = Literal["fail", "remove", "certainty", "adjust", "average"]
ReplicateType = Literal["jk1", "jkn"]
LONELY_OPTIONS: tuple[str, ...] = ("fail", "remove", "certainty", "adjust", "average")
# R treats 1 - f below this as a census stratum (``onestrat``).
CERTAINTY_TOLERANCE = 1e-7


@dataclass(frozen=True, slots=True)
class SurveyWarning:
    """Something an analyst should know about a result, as data (never printed).

    Attributes
    ----------
    code : str
        Stable snake_case code the web layer translates (``"equal_probability"``,
        ``"lonely_psu"``, ``"no_valid_answers"``, ...).
    message : str
        English text for the command line.
    column : str or None
        The column concerned, when there is one.
    """

    code: str
    message: str
    column: str | None = None


@dataclass(frozen=True, slots=True)
class SurveyDesign:
    """How a survey round was sampled (statistics.md §1.1), by column names.

    Parameters
    ----------
    weights : str or None
        Sampling weights (inverse inclusion probabilities, population-scaled,
        float >= 0; a zero weight keeps the row in the design, as R does).
        Without weights they come from the fpc columns, stage by stage
        (w = N/n x M/m), or are 1 with an ``equal_probability`` warning.
    strata : str or None
        Stratum of each row (any labels). None: one stratum.
    psu : str or None
        Primary sampling unit (stage 1). None: every row is its own PSU.
    ssu : str or None
        Secondary sampling unit (stage 2), nested within its PSU.
    fpc, fpc2 : str or None
        Stage-1 population size N_h (constant within a stratum) and stage-2
        population size M_ha (constant within a PSU), as R ``survey`` takes them;
        when every fpc value is <= 1 they are sampling fractions n/N instead.
    nest : bool
        PSU ids are only unique within strata (R ``nest=TRUE``). Without it a PSU
        id found in two strata is an error.
    lonely_psu : {"fail", "remove", "certainty", "adjust", "average"}
        Variance of a stratum with one PSU (§1.5). Default ``"adjust"``.
    replicates : {"jk1", "jkn"} or None
        Jackknife replicate variance (§1.8) instead of Taylor linearisation.
        JK1 needs an unstratified design, JKn a stratified one.
    mse : bool
        Centre replicate estimates at the full-sample estimate (R ``mse=TRUE``)
        instead of their mean.
    """

    weights: str | None = None
    strata: str | None = None
    psu: str | None = None
    ssu: str | None = None
    fpc: str | None = None
    fpc2: str | None = None
    nest: bool = False
    lonely_psu: LonelyPsu = "adjust"
    replicates: ReplicateType | None = None
    mse: bool = False

    def __post_init__(self) -> None:
        if self.lonely_psu not in LONELY_OPTIONS:
            raise InputError(
                "invalid_option",
                f"lonely_psu must be one of {', '.join(LONELY_OPTIONS)}, "
                f"got {self.lonely_psu!r}",
            )
        if self.replicates not in (None, "jk1", "jkn"):
            raise InputError(
                "invalid_option",
                f"replicates must be jk1 or jkn, got {self.replicates!r}",
            )
        if self.ssu is not None and self.psu is None:
            raise InputError(
                "invalid_option", "a second stage needs a PSU column", column=self.ssu
            )
        if self.fpc2 is not None and self.ssu is None:
            raise InputError(
                "invalid_option",
                "a stage-2 fpc needs a second-stage unit column",
                column=self.fpc2,
            )
        if self.replicates == "jk1" and self.strata is not None:
            raise InputError(
                "invalid_option",
                "JK1 replicates need an unstratified design (use jkn)",
                column=self.strata,
            )
        if self.replicates == "jkn" and self.strata is None:
            raise InputError(
                "invalid_option", "JKn replicates need strata (use jk1 without them)"
            )

    def columns(self) -> list[str]:
        """The columns the design reads, in declaration order."""
        named = (self.weights, self.strata, self.psu, self.ssu, self.fpc, self.fpc2)
        return [column for column in named if column is not None]
