#!/usr/bin/env bash
# Fails when a C++ file in the repository is not clang-format clean: hand-written code and the
# generated SDKs alike (the generator lays its code out itself, so it must match too).
set -euo pipefail
cd "$(dirname "$0")/.."
status=0
while IFS= read -r f; do
  if ! clang-format --dry-run --Werror "$f" >/dev/null 2>&1; then
    echo "not clang-format clean: $f (fix: clang-format -i $f)"
    status=1
  fi
done < <(git ls-files '*.cpp' '*.hpp' '*.h' '*.cc')
exit $status
