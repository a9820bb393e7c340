#!/usr/bin/env bash
# Regenerates every SDK in generated/ from schemas/ with the freshly built wirekit-gen.
set -euo pipefail
cd "$(dirname "$0")/.."
for schema in schemas/*.yaml; do
  build/bin/wirekit-gen "$schema" --out generated
done
echo "regenerated generated/ from $(ls schemas/*.yaml | wc -l) schemas"
