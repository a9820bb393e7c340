#!/bin/sh
# Installs the npm packages of the interop tests' Node peers: `ws` (tests/interop) and the real
# Rise 0.14 server and client code (tests/interop/rise); and those of the schema tooling tests
# (tests/tooling: @asyncapi/parser, ajv, yaml). A directory with a lock file is
# installed from it (npm ci), exactly; one without gets the newest versions its package.json
# allows. Skips a directory already installed (from its current lock file).
set -e
here="$(cd "$(dirname "$0")" && pwd)"
for dir in "$here" "$here/rise" "$here/../tooling"; do
  cd "$dir"
  # Written after each install: a lock file newer than it (or no install yet) means install.
  stamp=node_modules/.wirekit-installed
  if [ -f package-lock.json ]; then
    [ "$stamp" -nt package-lock.json ] && continue
    npm ci --no-audit --no-fund
  else
    [ -f "$stamp" ] && continue
    npm install --no-audit --no-fund
  fi
  touch "$stamp"
done
