#!/usr/bin/env bash
# Regenerates every SDK in generated/ from schemas/ with the freshly built wirekit-gen, with
# each protocol's reference (README.md) and AsyncAPI document (asyncapi.json).
set -euo pipefail
cd "$(dirname "$0")/.."
for schema in schemas/*.yaml; do
  build/bin/wirekit-gen "$schema" --out generated --docs --asyncapi
done
echo "regenerated generated/ from $(ls schemas/*.yaml | wc -l) schemas"
