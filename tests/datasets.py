"""Where the shared real datasets (``shared/datasets``) are on this machine.

They sit beside the repository (``../shared`` from a checkout, or beside the folder of
worktrees); ``HROMADA_DATASETS`` names another place. A missing folder is an error,
never a skip: tests on real data must run.
"""

from __future__ import annotations

import os
from pathlib import Path


def _locate() -> Path:
    configured = os.environ.get("HROMADA_DATASETS")
    if configured:
        return Path(configured)
    here = Path(__file__).resolve()
    for parent in here.parents:
        candidate = parent / "shared" / "datasets"
        if candidate.is_dir():
            return candidate
    fallback = Path("/work/shared/datasets")
    if fallback.is_dir():
        return fallback
    raise FileNotFoundError(
        "shared/datasets not found above the tests; set HROMADA_DATASETS"
    )


DATASETS = _locate()
