#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/, clang with ASan/UBSan) in build-fuzz/ and runs each for
# WIREKIT_FUZZ_SECONDS (default 20) from the committed seed corpus. Any finding fails the run;
# its input is left in build-fuzz/findings/<target>/: copy it into fuzz/regressions/<target>/
# (the replay tests then keep it fixed) and fix the cause.
#   scripts/fuzz.sh                  every target
#   scripts/fuzz.sh decode_concierge only the targets named (without the fuzz_ prefix)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${WIREKIT_FUZZ_SECONDS:-20}
build_dir=${WIREKIT_FUZZ_BUILD_DIR:-build-fuzz}
# WIREKIT_FUZZ_CONFIGURED=1: the build directory is already configured with WIREKIT_BUILD_FUZZ
# (scripts/test.sh shares its sanitizer build); otherwise it is configured here.
if [ "${WIREKIT_FUZZ_CONFIGURED:-0}" != "1" ]; then
  cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DWIREKIT_WERROR=ON \
    -DCMAKE_CXX_COMPILER=clang++ -DWIREKIT_BUILD_FUZZ=ON -DWIREKIT_BUILD_TESTS=OFF \
    -DWIREKIT_BUILD_BENCH=OFF -DWIREKIT_BUILD_EXAMPLES=OFF >/dev/null
fi
mapfile -t lines <"$build_dir/fuzz_targets.txt"
wanted=("$@")
targets=()
for line in "${lines[@]}"; do
  exe=${line%% *}
  if [ ${#wanted[@]} -gt 0 ]; then
    match=0
    for w in "${wanted[@]}"; do [ "fuzz_$w" = "$exe" ] && match=1; done
    [ $match -eq 1 ] || continue
  fi
  targets+=("$exe")
done
[ ${#targets[@]} -gt 0 ] || { echo "fuzz: no such target: $*" >&2; exit 2; }
cmake --build "$build_dir" -j "$(nproc)" --target "${targets[@]}"
export ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
failed=0
for line in "${lines[@]}"; do
  exe=${line%% *}
  [[ " ${targets[*]} " == *" $exe "* ]] || continue
  read -r -a seeds <<<"${line#* }"
  work="$build_dir/corpus/${exe#fuzz_}"
  findings="$build_dir/findings/${exe#fuzz_}"
  mkdir -p "$work" "$findings"
  echo "== $exe (${seconds}s)"
  # -timeout: one input taking over 5 s is a hang; -rss_limit_mb bounds memory per input.
  if ! "$build_dir/bin/$exe" "$work" "${seeds[@]}" -max_total_time="$seconds" -timeout=5 \
    -rss_limit_mb=2048 -max_len=65536 -artifact_prefix="$findings/" -print_final_stats=0 \
    >"$build_dir/$exe.log" 2>&1; then
    failed=1
    echo "fuzz: $exe found a problem; input in $findings/, log in $build_dir/$exe.log" >&2
    grep -E "ERROR|SUMMARY|Test unit written" "$build_dir/$exe.log" | head -20 >&2 || true
  else
    grep -E "^Done|stat::number_of_executed_units" "$build_dir/$exe.log" | tail -1 || true
  fi
done
exit $failed
