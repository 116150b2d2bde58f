"""Shared fixtures: paths to the repository, the sample data and the built programs."""

from pathlib import Path

import pytest

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
