#!/bin/sh
# Runs kv-server on a free port and kv-client against it; fails unless the client sees its
# value stored and watched, and the server exits with status 0 on SIGTERM. Then the same over
# wss://, with a self-signed certificate made by the openssl command (skipped without it):
# kv-server --tls-cert/--tls-key and kv-client --ca.
#   demo_test.sh <dir holding kv-server and kv-client>
set -eu
bin=$1
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# demo SCHEME [server options] -- [client options]
demo() {
  scheme=$1
  shift
  server_args=""
  while [ "$1" != "--" ]; do server_args="$server_args $1"; shift; done
  shift
  # shellcheck disable=SC2086
  "$bin/kv-server" --port 0 $server_args >"$out/server.out" 2>"$out/server.err" &
  server=$!
  i=0
  until grep -q "^listening on $scheme://" "$out/server.out"; do
    i=$((i + 1))
    if [ "$i" -gt 100 ]; then
      echo "kv-server did not start ($scheme)"; cat "$out/server.err"; kill "$server"; exit 1
    fi
    sleep 0.1
  done
  port=$(sed -n "s|^listening on $scheme://127.0.0.1:\([0-9]*\)/kv$|\1|p" "$out/server.out")
  "$bin/kv-client" --port "$port" "$@" greeting hello | tee "$out/client.out"
  kill -TERM "$server"
  wait "$server"
  grep -qx 'stored: greeting (version 1)' "$out/client.out"
  grep -qx 'changed: greeting = hello (version 1)' "$out/client.out"
  grep -q 'opened' "$out/server.err"
  echo "demo ok ($scheme)"
}

demo ws --
if command -v openssl >/dev/null 2>&1; then
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 \
    -subj /CN=localhost -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
    -keyout "$out/key.pem" -out "$out/cert.pem" 2>/dev/null
  demo wss --tls-cert "$out/cert.pem" --tls-key "$out/key.pem" -- --ca "$out/cert.pem"
  # One of the pair alone is a usage error.
  status=0
  "$bin/kv-server" --port 0 --tls-cert "$out/cert.pem" 2>"$out/server.err" || status=$?
  [ "$status" -eq 2 ]
  grep -q -- '--tls-cert and --tls-key go together' "$out/server.err"
else
  echo "no openssl command: the wss:// demo is skipped"
fi
echo "demo ok"
