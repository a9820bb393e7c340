#!/usr/bin/env bash
# Fails when a generated file is not clang-format clean (the generator lays code out itself).
set -euo pipefail
cd "$(dirname "$0")/.."
status=0
for f in generated/*/*.hpp generated/*/*.cpp; do
  if ! clang-format --dry-run --Werror "$f" 2>/dev/null; then
    echo "not clang-format clean: $f"
    status=1
  fi
done
exit $status
