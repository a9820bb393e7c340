#!/bin/sh
# Installs the npm `ws` package the interop test's Node peer uses (into tests/interop/node_modules).
set -e
cd "$(dirname "$0")"
npm install --no-audit --no-fund --prefix . ws
