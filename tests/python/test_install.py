"""The install as the README describes it: one version in one place, one console script, the
sample data found from any folder (qaframe.datasets), and a build that writes nothing into the
source tree (the read-only install itself runs in scripts/test.sh)."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import qaframe
from qaframe import datasets

ROOT = Path(__file__).resolve().parents[2]


def cmake_version() -> str:
    text = (ROOT / "CMakeLists.txt").read_text()
    return re.search(r"project\(qaframe\s+VERSION\s+([0-9.]+)", text).group(1)


def test_one_version_everywhere():
    version = cmake_version()
    assert qaframe.__version__ == version
    env = {"PYTHONPATH": str(ROOT / "python")}
    out = subprocess.run([sys.executable, "-m", "qaframe", "--version"], capture_output=True,
                         text=True, check=True, env=env).stdout
    assert out == f"qaframe {version}\n"
    cpp = subprocess.run([str(ROOT / "build" / "qaframe"), "--version"], capture_output=True,
                         text=True, check=True).stdout
    assert cpp == out
    # setup.py reads the same line; pyproject.toml declares the version dynamic, not a copy.
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert "version" not in project and project["dynamic"] == ["version"]
    meta = subprocess.run([sys.executable, "setup.py", "--version"], cwd=ROOT,
                          capture_output=True, text=True, check=True).stdout
    assert meta.strip().splitlines()[-1] == version


def test_one_console_script_named_qaframe():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["scripts"] == {"qaframe": "qaframe.__main__:main"}


def test_sample_data_from_any_folder(tmp_path):
    assert datasets.names() == ["audits", "survey", "performance", "indicators", "evidence_map",
                                "improvement_log", "readme"]
    for name in datasets.names():
        assert datasets.path(name).is_file()
    audits = qaframe.read_audits(datasets.sample_audits())
    assert len(audits) == 118 and audits.crosstab("programme").loc["Core"].tolist() == \
        [1, 4, 9, 1, 24, 39]
    t = qaframe.triangulate(audits, survey=datasets.survey(), performance=datasets.performance(),
                            indicators=datasets.indicators(), evidence_map=datasets.evidence_map())
    assert len(t.kloes) > 0
    assert len(qaframe.read_log(datasets.improvement_log()).to_frame()) > 0
    code = ("import qaframe; a = qaframe.read_audits(qaframe.datasets.sample_audits()); "
            "print(len(a), a.profile().share_below('Good'))")
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True,
                         text=True, check=True, env={"PYTHONPATH": str(ROOT / "python")}).stdout
    assert out.split()[0] == "118" and abs(float(out.split()[1]) - 35 / 118) < 1e-12
    try:
        datasets.path("nothing")
    except KeyError as e:
        assert "known: audits" in str(e)
    else:
        raise AssertionError("KeyError expected")


def test_setup_builds_outside_the_source_tree():
    source = (ROOT / "setup.py").read_text()
    assert 'ROOT / "build"' not in source
    assert "tempfile.mkdtemp" in source and "build_base" in source and "egg_base" in source


def test_licence_is_mit_and_shipped():
    # Issue 20: the LICENSE file at the root (MIT, as the package declares), named for the Python
    # distribution and installed with the CMake package.
    text = (ROOT / "LICENSE").read_text()
    assert text.startswith("MIT License\n\nCopyright (c) 2026 qaframe contributors\n")
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert pyproject["project"]["license"] == {"text": "MIT"}
    assert pyproject["tool"]["setuptools"]["license-files"] == ["LICENSE"]
    cmake = (ROOT / "CMakeLists.txt").read_text()
    assert "install(FILES LICENSE DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/doc/qaframe)" in cmake
