#!/bin/sh
# Runs kv-server on a free port and kv-client against it; fails unless the client sees its
# value stored and watched, and the server exits with status 0 on SIGTERM.
#   demo_test.sh <dir holding kv-server and kv-client>
set -eu
bin=$1
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$bin/kv-server" --port 0 >"$out/server.out" 2>"$out/server.err" &
server=$!
i=0
until grep -q '^listening on ws://' "$out/server.out"; do
  i=$((i + 1))
  if [ "$i" -gt 100 ]; then
    echo "kv-server did not start"; kill "$server"; exit 1
  fi
  sleep 0.1
done
port=$(sed -n 's|^listening on ws://127.0.0.1:\([0-9]*\)/kv$|\1|p' "$out/server.out")
"$bin/kv-client" --port "$port" greeting hello | tee "$out/client.out"
kill -TERM "$server"
wait "$server"
grep -qx 'stored: greeting (version 1)' "$out/client.out"
grep -qx 'changed: greeting = hello (version 1)' "$out/client.out"
grep -q 'opened' "$out/server.err"
echo "demo ok"
