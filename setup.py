"""Builds the compiled module qaframe._core with CMake when pip installs the package.

`pip install --no-build-isolation .` (nothing can be downloaded, so the build uses the
setuptools, CMake, pybind11 and libraries already installed by scripts/setup.sh).
"""

import os
import subprocess
import sys
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

ROOT = Path(__file__).resolve().parent


class CMakeExtension(Extension):
    def __init__(self, name: str):
        super().__init__(name, sources=[])


class CMakeBuild(build_ext):
    def build_extension(self, ext: Extension) -> None:
        out_dir = Path(self.get_ext_fullpath(ext.name)).parent.resolve()
        build_dir = ROOT / "build" / "pip"
        subprocess.run(
            ["cmake", "-S", str(ROOT), "-B", str(build_dir), "-G", "Ninja",
             "-DCMAKE_BUILD_TYPE=Release", f"-DPython_EXECUTABLE={sys.executable}",
             f"-DQAFRAME_PYTHON_OUTPUT_DIR={out_dir}", "-DQAFRAME_BUILD_TESTS=OFF",
             "-DQAFRAME_BUILD_CLI=OFF"],
            check=True)
        subprocess.run(["cmake", "--build", str(build_dir), "--target", "_core",
                        "-j", str(os.cpu_count() or 2)], check=True)


setup(ext_modules=[CMakeExtension("qaframe._core")], cmdclass={"build_ext": CMakeBuild})
