#!/usr/bin/env bash
# Installs what is needed, builds, checks generated/ is fresh and formatted, and runs every
# test. Extra runs, each by a flag or its variable (CI=true turns all three on):
#   --sanitize (WIREKIT_SANITIZE=1)  the whole suite under ASan/UBSan (clang) in build-asan/
#   --tsan     (WIREKIT_TSAN=1)      runtime, end-to-end, hostile-peer and C++20 coroutine
#                                    tests under ThreadSanitizer in build-tsan/
#   --fuzz     (WIREKIT_FUZZ=1)      every fuzz target for 10 s (scripts/fuzz.sh;
#                                    WIREKIT_FUZZ_SECONDS sets another bound)
#   --release  (WIREKIT_RELEASE=1)   build/ is a user's plain `cmake -DCMAKE_BUILD_TYPE=Release`
#                                    build of the whole tree (warnings not errors there, but
#                                    any warning in its output fails the script), so CI builds
#                                    that configuration once and tests it
set -euo pipefail
cd "$(dirname "$0")/.."
sanitize=${WIREKIT_SANITIZE:-0}
tsan=${WIREKIT_TSAN:-0}
fuzz=${WIREKIT_FUZZ:-0}
release=${WIREKIT_RELEASE:-0}
if [ "${CI:-}" = "true" ]; then sanitize=1 tsan=1 fuzz=1 release=1; fi
for arg in "$@"; do
  case "$arg" in
    --sanitize) sanitize=1 ;;
    --tsan) tsan=1 ;;
    --fuzz) fuzz=1 ;;
    --release) release=1 ;;
    *) echo "test.sh: unknown option $arg" >&2; exit 2 ;;
  esac
done
start=$SECONDS
# Each stage names itself with the minutes and seconds spent so far, so a CI log shows where
# the time goes.
stage() { printf '== [%dm%02ds] %s\n' $(((SECONDS - start) / 60)) $(((SECONDS - start) % 60)) "$1"; }
stage "setup"
bash scripts/setup.sh
if [ "$release" = "1" ]; then
  # A user's plain `cmake -DCMAKE_BUILD_TYPE=Release` of the whole tree (warnings not errors,
  # the default), built once and tested below; warnings still fail this script: any line of
  # the build's output that reports one.
  stage "a user's plain Release build of the whole tree (warnings reported, then refused)"
  cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DWIREKIT_WERROR=OFF >/dev/null
  cmake --build build -j "$(nproc)" 2>&1 | tee build/build-output.log
  if grep -n 'warning:' build/build-output.log; then
    echo "test.sh: the build above reported warnings" >&2
    exit 1
  fi
else
  stage "build"
  bash scripts/build.sh
fi
jobs=$(nproc)
# Sanitizer builds: line tables are all a report needs (file:line in every frame), at much less
# compile time than full debug information.
line_tables="-O2 -g1 -DNDEBUG"
stage "tests"
ctest --test-dir build --output-on-failure -j "$jobs"
stage "every C++ file is clang-format clean"
bash scripts/check_format.sh
# One clang build with ASan/UBSan serves the sanitizer run and the fuzz targets (libFuzzer
# needs clang): building the runtime and the generated SDKs a fourth time cost CI minutes.
if [ "$sanitize" = "1" ] || [ "$fuzz" = "1" ]; then
  stage "build under AddressSanitizer and UndefinedBehaviorSanitizer (clang, fuzz targets too)"
  cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DWIREKIT_WERROR=ON \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="$line_tables" -DCMAKE_CXX_COMPILER=clang++ \
    -DWIREKIT_BUILD_FUZZ=ON -DWIREKIT_BUILD_TESTS="$sanitize" \
    -DWIREKIT_BUILD_BENCH=OFF -DWIREKIT_BUILD_EXAMPLES="$sanitize" >/dev/null
  cmake --build build-asan -j "$jobs"
fi
if [ "$sanitize" = "1" ]; then
  stage "tests under AddressSanitizer and UndefinedBehaviorSanitizer"
  # The package test (install, then build a separate project) checks packaging, which the
  # plain run above already covers; under the sanitizers it would only rebuild the same code.
  # The example programs and the soak run here too (the soak at a third of its clients: the
  # sanitizers make each message several times dearer; scripts/soak.sh --asan runs it whole).
  ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 WIREKIT_SOAK_CLIENTS=300 \
    ctest --test-dir build-asan --output-on-failure -j "$jobs" -LE package
fi
if [ "$tsan" = "1" ]; then
  stage "build for ThreadSanitizer"
  tsan_tests=(runtime_tests e2e_tests hostile_tests coro_tests replay_session_frames)
  cmake -S . -B build-tsan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DWIREKIT_TSAN=ON \
    -DWIREKIT_WERROR=ON \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="$line_tables" \
    -DWIREKIT_BUILD_BENCH=OFF >/dev/null
  cmake --build build-tsan -j "$jobs" --target "${tsan_tests[@]}"
  stage "runtime, end-to-end, hostile-peer and coroutine tests under ThreadSanitizer"
  # Any report fails the run (halt_on_error); each executable runs all its cases.
  export TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1"
  # Each executable is bounded (25 min, several times what it needs), so a hang fails the run
  # with its name instead of using up CI's time.
  for t in runtime_tests e2e_tests hostile_tests coro_tests; do
    echo "-- $t"
    timeout -k 10 1500 "build-tsan/bin/$t" || { echo "$t failed or ran over 25 min (status $?)" >&2; exit 1; }
  done
  build-tsan/bin/replay_session_frames fuzz/corpus/session_frames
fi
if [ "$fuzz" = "1" ]; then
  stage "fuzz targets (clang, libFuzzer, ASan/UBSan), ${WIREKIT_FUZZ_SECONDS:-10} s each"
  WIREKIT_FUZZ_SECONDS=${WIREKIT_FUZZ_SECONDS:-10} WIREKIT_FUZZ_BUILD_DIR=build-asan \
    WIREKIT_FUZZ_CONFIGURED=1 bash scripts/fuzz.sh
fi
stage "done"
