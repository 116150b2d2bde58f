"""The analyst's notebook (notebooks/sample_report.ipynb) runs in a Jupyter kernel and shows the
sample's numbers: here in the default kernel of the source checkout (the test command runs it
again in the kernel registered from the virtual environment)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "notebook"))
import run_notebook  # noqa: E402


def test_notebook_runs_and_shows_the_sample(tmp_path, monkeypatch):
    pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    import qaframe
    # The kernel inherits this environment: the package from the checkout, a folder of its own.
    monkeypatch.setenv("PYTHONPATH", str(ROOT / "python"))
    monkeypatch.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    failures = run_notebook.run(kernel="python3", version=qaframe.__version__, cwd=str(tmp_path))
    assert failures == []
    assert os.listdir(tmp_path) == []  # the notebook writes nothing
