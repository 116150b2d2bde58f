"""Builds the compiled module qaframe._core with CMake when pip installs the package.

`pip install --no-build-isolation .` (nothing can be downloaded, so the build uses the
setuptools, CMake, pybind11 and libraries already installed by scripts/setup.sh).

Nothing is written into the source tree, so a read-only checkout installs: setuptools' build
folder and egg-info go to a temporary folder (removed afterwards), or to $QAFRAME_BUILD_DIR when
set (kept, so that a second install rebuilds only what changed). The version comes from
project(VERSION) in CMakeLists.txt, the one place it is written; the sample data of data/sample/
is installed as package data (qaframe/data/, found by qaframe.datasets).
"""

import atexit
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
SAMPLE_FILES = ["audits.csv", "survey.csv", "performance.csv", "indicators.csv",
                "evidence_map.csv", "improvement_log.csv", "README.md"]


def project_version() -> str:
    text = (ROOT / "CMakeLists.txt").read_text(encoding="utf-8")
    match = re.search(r"project\(qaframe\s+VERSION\s+([0-9]+\.[0-9]+\.[0-9]+)", text)
    if match is None:
        raise RuntimeError("CMakeLists.txt: project(qaframe VERSION x.y.z ...) not found")
    return match.group(1)


def work_dir() -> Path:
    """Where setuptools and CMake build: never inside the source tree."""
    kept = os.environ.get("QAFRAME_BUILD_DIR")
    if kept:
        path = Path(kept).resolve()
        path.mkdir(parents=True, exist_ok=True)
        return path
    path = Path(tempfile.mkdtemp(prefix="qaframe-build-"))
    atexit.register(shutil.rmtree, path, ignore_errors=True)
    return path


WORK = work_dir()


class CMakeExtension(Extension):
    def __init__(self, name: str):
        super().__init__(name, sources=[])


class CMakeBuild(build_ext):
    def build_extension(self, ext: Extension) -> None:
        out_dir = Path(self.get_ext_fullpath(ext.name)).parent.resolve()
        build_dir = Path(self.build_temp).resolve() / "cmake"  # under WORK (build_base)
        subprocess.run(
            ["cmake", "-S", str(ROOT), "-B", str(build_dir), "-G", "Ninja",
             "-DCMAKE_BUILD_TYPE=Release", f"-DPython_EXECUTABLE={sys.executable}",
             f"-DQAFRAME_PYTHON_OUTPUT_DIR={out_dir}", "-DQAFRAME_BUILD_TESTS=OFF",
             "-DQAFRAME_BUILD_CLI=OFF", "-DQAFRAME_BUILD_C_API=OFF"],
            check=True)
        subprocess.run(["cmake", "--build", str(build_dir), "--target", "_core",
                        "-j", str(os.cpu_count() or 2)], check=True)


class BuildPy(build_py):
    """The package's Python files, then the sample data into qaframe/data/."""

    def run(self) -> None:
        super().run()
        target = Path(self.build_lib) / "qaframe" / "data"
        target.mkdir(parents=True, exist_ok=True)
        for name in SAMPLE_FILES:
            shutil.copyfile(ROOT / "data" / "sample" / name, target / name)


setup(
    version=project_version(),
    ext_modules=[CMakeExtension("qaframe._core")],
    cmdclass={"build_ext": CMakeBuild, "build_py": BuildPy},
    options={"build": {"build_base": str(WORK / "build")},
             "egg_info": {"egg_base": str(WORK)}},
)
