#!/usr/bin/env bash
# Sets everything up, then runs every test: the layering of the source tree, the C++ doctest suite
# (also under ASan and UBSan, with the fuzz corpora replayed), the Python suite (property tests
# included), the command line on good and bad input, an installed-package consumer
# (find_package), and `pip install .`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh

echo "== Source layout: one-way layers, no include cycle (scripts/check_layers.py)"
/usr/bin/python3 scripts/check_layers.py

echo "== C++ tests (doctest)"
build/qaframe_tests

echo "== C++ tests under AddressSanitizer and UndefinedBehaviorSanitizer (build-asan/)"
# The test program only (it also replays the fuzz corpora), at -O1 so that it builds and runs fast.
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g" \
  -DQAFRAME_SANITIZE=ON -DQAFRAME_BUILD_TESTS=ON -DQAFRAME_BUILD_PYTHON=OFF -DQAFRAME_BUILD_CLI=OFF \
  -DQAFRAME_WERROR=ON >/dev/null
cmake --build build-asan -j"$(nproc)" --target qaframe_tests
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1 \
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 build-asan/qaframe_tests

echo "== Threads under ThreadSanitizer (build-tsan/): parallel bootstraps, a shared chunk reader"
# Only the test cases that run threads (a filter, so that the run takes seconds); the bootstrap's
# binomial draws once went through std::binomial_distribution and lgamma, racing on signgam.
cmake -S . -B build-tsan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g" \
  -DQAFRAME_TSAN=ON -DQAFRAME_BUILD_TESTS=ON -DQAFRAME_BUILD_PYTHON=OFF -DQAFRAME_BUILD_CLI=OFF \
  -DQAFRAME_WERROR=ON >/dev/null
cmake --build build-tsan -j"$(nproc)" --target qaframe_tests
TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 build-tsan/qaframe_tests \
  -tc='*bootstrap*,*thread*'

echo "== Python tests (pytest)"
PYTHONPATH=python /usr/bin/python3 -m pytest -q -p no:cacheprovider tests/python

echo "== Installed CMake package: a consumer project links qaframe::qaframe"
rm -rf build/install-test build/consumer
cmake --install build --prefix build/install-test >/dev/null
cmake -S tests/consumer -B build/consumer -G Ninja -DCMAKE_PREFIX_PATH="$PWD/build/install-test" >/dev/null
cmake --build build/consumer >/dev/null
build/consumer/consumer data/sample/audits.csv

echo "== pip install . into a virtual environment"
venv=build/venv-test
[ -x "$venv/bin/python" ] || /usr/bin/python3 -m venv --system-site-packages "$venv"
PIP_DISABLE_PIP_VERSION_CHECK=1 "$venv/bin/pip" install -q --no-build-isolation .
(cd /tmp && "$OLDPWD/$venv/bin/python" - "$OLDPWD/data/sample/audits.csv" <<'PY'
import sys, qaframe
assert "venv-test" in qaframe.__file__, qaframe.__file__
audits = qaframe.read_audits(sys.argv[1])
table = audits.crosstab(by="programme")
assert table.loc["Core"].tolist() == [1, 4, 9, 1, 24, 39], table
print(f"pip-installed qaframe {qaframe.__version__} from {qaframe.__file__}: ok")
PY
)
echo "== all tests passed"
