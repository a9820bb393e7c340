#!/usr/bin/env bash
# Installs every Debian package wirekit needs. Safe to run again: it skips apt when all are present.
set -euo pipefail
packages=(
  build-essential cmake ninja-build pkg-config clang-format
  libyaml-cpp-dev libwebsocketpp-dev libasio-dev catch2 libsimdjson-dev
  libbenchmark-dev nlohmann-json3-dev libssl-dev openssl
  # scripts/fuzz.sh: clang with libFuzzer and the sanitizer runtimes.
  clang libclang-rt-dev
)
# Node.js may come from elsewhere than Debian (its own npm included): ask apt for it only
# when there is no node/npm at all.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  packages+=(nodejs npm)
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "setup: installing ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
fi
# The interop tests' Node peers: npm's `ws`, and the real Rise 0.14 server; the schema tooling
# tests' @asyncapi/parser and ajv (all from lock files).
sh "$(dirname "$0")/../tests/interop/install.sh" >/dev/null
