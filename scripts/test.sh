#!/usr/bin/env bash
# Sets everything up, then runs every test: the layering of the source tree, the library compiled
# by clang++ as well as g++, the C++ doctest suite
# (also under ASan and UBSan, with the fuzz corpora replayed), the Python suite (property tests
# included), the command line on good and bad input, an installed-package consumer
# (find_package), a C program on the installed C interface (pkg-config; also under ASan), and
# `pip install .` from a read-only copy, with the notebook run in the registered Jupyter kernel.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh

echo "== Source layout: one-way layers, no include cycle (scripts/check_layers.py)"
/usr/bin/python3 scripts/check_layers.py

echo "== Lifetimes: views from a temporary AuditSet do not compile (g++ and clang++)"
scripts/compile_fail.sh build

echo "== The library compiles with clang++ too, warnings as errors (syntax only)"
# The builds above are g++'s; clang 14 refuses some C++20 that g++ 12 takes (a structured binding
# captured by a lambda once reached main this way, found only by the fuzz build).
find src -name '*.cpp' -print0 | sort -z | xargs -0 -n 8 -P "$(nproc)" clang++ -std=c++20 \
  -fsyntax-only -Wall -Wextra -Wpedantic -Werror -D_GNU_SOURCE -Iinclude -Ibuild/generated/include \
  -Isrc -isystem /usr/include/eigen3 -isystem /usr/include/minizip

echo "== C++ tests (doctest)"
build/qaframe_tests

echo "== C++ tests under AddressSanitizer and UndefinedBehaviorSanitizer (build-asan/)"
# The test program only (it also replays the fuzz corpora), at -O1 so that it builds and runs fast.
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g" \
  -DQAFRAME_SANITIZE=ON -DQAFRAME_BUILD_TESTS=ON -DQAFRAME_BUILD_PYTHON=OFF -DQAFRAME_BUILD_CLI=OFF \
  -DQAFRAME_WERROR=ON >/dev/null
cmake --build build-asan -j"$(nproc)" --target qaframe_tests qaframe_c
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
# The bad file first, with the same Diagnostics: the good one must load (nothing carried over).
build/consumer/consumer data/sample/audits.csv tests/data/bad_audits.csv

if [ "${QAFRAME_TEST_SHARED:-0}" = 1 ]; then
  # A whole second build of the library (minutes on two cores), so only when asked for:
  # QAFRAME_TEST_SHARED=1 scripts/test.sh. The consumer links libqaframe.so from the package.
  echo "== The consumer against a shared libqaframe.so (BUILD_SHARED_LIBS=ON, build-shared/)"
  cmake -S . -B build-shared -G Ninja -DCMAKE_BUILD_TYPE=Release -DBUILD_SHARED_LIBS=ON \
    -DQAFRAME_BUILD_TESTS=OFF -DQAFRAME_BUILD_PYTHON=OFF -DQAFRAME_BUILD_CLI=OFF \
    -DQAFRAME_BUILD_C_API=OFF -DQAFRAME_WERROR=ON >/dev/null
  cmake --build build-shared -j"$(nproc)" --target qaframe
  rm -rf build-shared/install-test build-shared/consumer
  cmake --install build-shared --prefix build-shared/install-test >/dev/null
  test -f build-shared/install-test/lib/libqaframe.so
  # Only namespace qaframe is exported (cmake/libqaframe.map): no Abseil, Boost or std symbol.
  if nm -D --defined-only -C build-shared/install-test/lib/libqaframe.so | cut -d' ' -f3- |
    grep -v -e '^qaframe::' -e '^typeinfo for qaframe::' -e '^typeinfo name for qaframe::' \
      -e '^vtable for qaframe::' -e '^guard variable for qaframe::' -e '^VTT for qaframe::' |
    grep -q .; then
    echo "libqaframe.so exports symbols outside namespace qaframe" >&2; exit 1
  fi
  cmake -S tests/consumer -B build-shared/consumer -G Ninja \
    -DCMAKE_PREFIX_PATH="$PWD/build-shared/install-test" >/dev/null
  cmake --build build-shared/consumer >/dev/null
  ldd build-shared/consumer/consumer | grep -q "libqaframe.so"
  build-shared/consumer/consumer data/sample/audits.csv tests/data/bad_audits.csv
fi
test -f build/install-test/share/doc/qaframe/LICENSE

version=$(build/qaframe --version | cut -d' ' -f2)
echo "== Installed C interface: a C99 program (pkg-config qaframe) links libqaframe_c"
# Only the qf_* functions are exported; the C++ library inside stays hidden.
if nm -D --defined-only build/libqaframe_c.so | awk '{print $3}' | grep -v '^qf_'; then
  echo "libqaframe_c.so exports symbols other than qf_*" >&2; exit 1
fi
rm -rf build/capi-consumer build/capi-out && mkdir -p build/capi-out
PKG_CONFIG_PATH="$PWD/build/install-test/lib/pkgconfig" \
  cmake -S tests/capi -B build/capi-consumer -G Ninja >/dev/null
cmake --build build/capi-consumer >/dev/null
build/capi-consumer/capi_consumer data/sample/audits.csv data/sample build/capi-out "$version"

echo "== The C program again, on the C interface built with ASan and UBSan (build-asan/)"
rm -rf build-asan/install-test build-asan/capi-consumer build-asan/capi-out
mkdir -p build-asan/capi-out
cmake --install build-asan --prefix build-asan/install-test >/dev/null
PKG_CONFIG_PATH="$PWD/build-asan/install-test/lib/pkgconfig" \
  cmake -S tests/capi -B build-asan/capi-consumer -G Ninja \
  -DCMAKE_C_FLAGS="-fsanitize=address,undefined -fno-omit-frame-pointer -g" \
  -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" >/dev/null
cmake --build build-asan/capi-consumer >/dev/null
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  build-asan/capi-consumer/capi_consumer data/sample/audits.csv data/sample build-asan/capi-out \
  "$version"

echo "== pip install from a read-only copy of the checkout, into a virtual environment"
# The README's commands, on a copy that cannot be written to: the build goes elsewhere
# (QAFRAME_BUILD_DIR keeps it between runs; without it, a temporary folder).
ro=build/readonly-checkout
if [ -d "$ro" ]; then chmod -R u+w "$ro"; fi
rm -rf "$ro" && mkdir -p "$ro"
tar -c --exclude=./build --exclude='./build-*' --exclude=./.git --exclude='*.so' \
  --exclude=__pycache__ --exclude=./.venv -f - . | tar -x -C "$ro"
chmod -R a-w "$ro"
venv=build/venv-test
[ -x "$venv/bin/python" ] || /usr/bin/python3 -m venv --system-site-packages "$venv"
QAFRAME_BUILD_DIR="$PWD/build/pip" PIP_DISABLE_PIP_VERSION_CHECK=1 \
  "$venv/bin/pip" install -q --no-build-isolation "$ro"
chmod -R u+w "$ro"
if [ -e "$venv/bin/qaframe-py" ]; then echo "qaframe-py is still installed" >&2; exit 1; fi
[ "$("$venv/bin/qaframe" --version)" = "qaframe $version" ]
[ "$("$venv/bin/python" -m qaframe --version)" = "qaframe $version" ]
(cd /tmp && "$OLDPWD/$venv/bin/python" - <<'PY'
import qaframe
assert "venv-test" in qaframe.__file__, qaframe.__file__
audits = qaframe.read_audits(qaframe.datasets.sample_audits())  # from any folder
table = audits.crosstab(by="programme")
assert table.loc["Core"].tolist() == [1, 4, 9, 1, 24, 39], table
assert "venv-test" in str(qaframe.datasets.sample_audits())
print(f"pip-installed qaframe {qaframe.__version__} from {qaframe.__file__}: ok")
PY
)

echo "== The notebook in the Jupyter kernel registered from the virtual environment"
export JUPYTER_DATA_DIR="$PWD/build/jupyter"  # not the user's own kernels
"$venv/bin/python" -m ipykernel install --user --name qaframe >/dev/null
"$venv/bin/python" - <<'PY'
import json, os
spec = json.load(open(os.path.join(os.environ["JUPYTER_DATA_DIR"], "kernels/qaframe/kernel.json")))
assert spec["argv"][0].endswith("venv-test/bin/python"), spec["argv"]
PY
notebook_dir=$(mktemp -d)
PYDEVD_DISABLE_FILE_VALIDATION=1 "$venv/bin/python" tests/notebook/run_notebook.py \
  --kernel qaframe --version "$version" \
  --cwd "$notebook_dir"
rm -rf "$notebook_dir"
echo "== all tests passed"
