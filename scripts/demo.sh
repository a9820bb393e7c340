#!/usr/bin/env bash
# Installs what is needed, builds, regenerates the SDKs from schemas/ and runs the main demo:
# a concierge gateway and two clients built on the generated SDK, over loopback.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
bash scripts/regenerate.sh
cmake --build build --target concierge-demo  # picks up any change the regeneration made
echo "== demo"
build/bin/concierge-demo
