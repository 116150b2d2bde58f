#!/usr/bin/env bash
# Installs every system package qaframe needs (Debian 12) and builds it. Idempotent: packages
# already present are not reinstalled and the build is incremental.
#   scripts/setup.sh            install + build into build/
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(
  cmake ninja-build g++ pkg-config
  libeigen3-dev libabsl-dev libboost-dev libglpk-dev pybind11-dev doctest-dev libminizip-dev
  libexpat1-dev libtomlplusplus-dev
  python3-dev python3-numpy python3-pandas python3-scipy python3-statsmodels python3-sklearn
  python3-matplotlib python3-pytest python3-hypothesis python3-venv python3-pip
  python3-setuptools python3-wheel python3-openpyxl python3-xlsxwriter
  python3-html5lib chromium chromium-driver python3-selenium  # the HTML report in a real browser
  libxlsxwriter-dev  # .xlsx tables written (C++)
  python3-dask python3-distributed    # qaframe.dask: partitioned collections on a LocalCluster
  python3-ipykernel python3-nbclient python3-nbformat  # the notebook, run in a registered kernel
  clang  # the tests compile the library and the lifetime checks with clang++ too
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The Python module is built next to the package sources, so that PYTHONPATH=python works.
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DPython_EXECUTABLE=/usr/bin/python3 \
  -DQAFRAME_BUILD_TESTS=ON -DQAFRAME_BUILD_PYTHON=ON -DQAFRAME_BUILD_CLI=ON \
  -DQAFRAME_PYTHON_OUTPUT_DIR="$PWD/python/qaframe" -DQAFRAME_WERROR=ON >/dev/null
cmake --build build -j"$(nproc)"
