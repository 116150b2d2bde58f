"""Shared fixtures: paths to the repository, the sample data and the built programs."""

from pathlib import Path

import os

import pytest
from hypothesis import HealthCheck, settings

# Property tests: derandomised by default, so that a run is reproducible and CI cannot flake on
# an example no one has seen; HYPOTHESIS_PROFILE=explore searches further, at random.
settings.register_profile("ci", derandomize=True, deadline=None, database=None, max_examples=100,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("explore", deadline=None, max_examples=2000,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def sample_path() -> Path:
    return ROOT / "data" / "sample" / "audits.csv"


@pytest.fixture(scope="session")
def sample(sample_path):
    import qaframe
    return qaframe.read_audits(sample_path)


@pytest.fixture
def write_csv(tmp_path):
    """Write text to a CSV file in a temporary folder and return its path."""
    def write(text: str, name: str = "audits.csv", encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.write_bytes(text.encode(encoding) if isinstance(text, str) else text)
        return path
    return write
