// What every example-server interop script shares: start the server binary, talk to it through
// npm `ws` (an implementation independent of wirekit's runtime), check its replies as parsed JSON,
// and report one line per step. The scripts send the exact JSON text of the protocol documents, so
// a failure here means the server and an independent peer disagree on the wire.
'use strict';
const { spawn, execFileSync } = require('child_process');
const assert = require('assert');
const path = require('path');
const { isDeepStrictEqual } = require('util');

// ws lives in tests/interop/node_modules; install it on first use, as the C++ interop test does
// (ctest's RESOURCE_LOCK npm_ws keeps two installs from running at once).
function loadWs() {
  try {
    return require('ws');
  } catch (err) {
    execFileSync('sh', [path.join(__dirname, '..', 'install.sh')], { stdio: 'ignore' });
    return require('ws');
  }
}
const WebSocket = loadWs();

// A hyphenated UUID, as the concierge's HELLO and sync's Event ids carry.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

// Long enough for a loaded 2-core machine, short enough that a missing reply fails fast.
const REPLY_MS = 5000;

let server = null;
let stepCount = 0;
let currentStep = '(start)';
const peers = [];

/// Starts `binary --port 0 ...args` and resolves once it printed its listening line.
/// Resolves to { url, host, port, path }; the server is killed when the script ends.
function startServer(binary, args = []) {
  return new Promise((resolve, reject) => {
    const proc = spawn(binary, ['--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    // Local, so that the handlers keep to this process when a script starts a second one.
    const me = { proc, stderr: '', exited: null };
    server = me;
    let out = '';
    const timer = setTimeout(
      () => reject(new Error(`${binary}: no listening line in 10 s`)),
      10000,
    );
    proc.stderr.on('data', (d) => {
      me.stderr += d.toString();
    });
    proc.stdout.on('data', (d) => {
      out += d.toString();
      const m = /^listening on ws:\/\/([^:]+):(\d+)(\/\S*)\n/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      resolve({ url: `ws://${m[1]}:${m[2]}${m[3]}`, host: m[1], port: Number(m[2]), path: m[3] });
    });
    proc.on('exit', (code, signal) => {
      me.exited = { code, signal };
      clearTimeout(timer);
      reject(new Error(`${binary} exited early (${code ?? signal}): ${me.stderr.trim()}`));
    });
    proc.on('error', (err) => {
      me.exited = { error: err.message }; // not started: there is nothing to stop
      clearTimeout(timer);
      reject(err);
    });
  });
}

/// One WebSocket connection with a queue of what arrived: text frames, binary frames, the close.
class Peer {
  constructor(ws, label) {
    this.ws = ws;
    this.label = label;
    this.queue = [];
    this.waiter = null;
    this.closeInfo = null;
    ws.on('message', (data, isBinary) => this.push({ data, isBinary }));
    ws.on('close', (code, reason) => {
      this.closeInfo = { code, reason: reason.toString() };
      this.push(null);
    });
    ws.on('error', () => {}); // the close event follows and carries what matters
  }

  push(item) {
    if (item) this.queue.push(item);
    if (this.waiter) {
      const w = this.waiter;
      this.waiter = null;
      w();
    }
  }

  // Resolves when something is queued or the connection closed, or after `ms`.
  wait(ms) {
    if (this.queue.length || this.closeInfo) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiter = null;
        resolve();
      }, ms);
      this.waiter = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  /// Sends `text` exactly as given (a string is a text frame).
  send(text) {
    this.ws.send(text);
  }

  sendBinary(bytes) {
    this.ws.send(Buffer.from(bytes), { binary: true });
  }

  /// The next message: { raw, json }; fails when none comes in `ms`, or it is binary or not JSON.
  async next(ms = REPLY_MS) {
    await this.wait(ms);
    const item = this.queue.shift();
    if (!item) {
      if (this.closeInfo)
        throw new Error(
          `${this.label}: closed (${this.closeInfo.code} ${this.closeInfo.reason}) ` +
            'while a message was expected',
        );
      throw new Error(`${this.label}: no message within ${ms} ms`);
    }
    if (item.isBinary) throw new Error(`${this.label}: got a binary frame, expected JSON text`);
    const raw = item.data.toString();
    try {
      return { raw, json: JSON.parse(raw) };
    } catch (err) {
      throw new Error(`${this.label}: reply is not JSON: ${raw}`);
    }
  }

  /// The next message's parsed JSON.
  async json(ms = REPLY_MS) {
    return (await this.next(ms)).json;
  }

  /// Fails if a message arrives within `ms` (for what the protocol answers with silence).
  async nothing(ms = 300) {
    await this.wait(ms);
    if (this.queue.length)
      throw new Error(`${this.label}: expected no message, got ${this.queue[0].data.toString()}`);
  }

  /// Resolves to { code, reason } once the server closed; fails if a message comes first.
  async closed(ms = REPLY_MS) {
    await this.wait(ms);
    if (this.queue.length)
      throw new Error(`${this.label}: expected a close, got ${this.queue[0].data.toString()}`);
    if (!this.closeInfo) throw new Error(`${this.label}: not closed within ${ms} ms`);
    return this.closeInfo;
  }

  async expectClose(code, ms = REPLY_MS) {
    const info = await this.closed(ms);
    assert.strictEqual(
      info.code,
      code,
      `${this.label}: close code ${info.code} (${info.reason}), expected ${code}`,
    );
    return info;
  }

  close(code = 1000) {
    if (!this.closeInfo) this.ws.close(code);
    return this.closed().catch(() => {});
  }
}

/// Opens a connection; resolves to a Peer once open. `options`: { protocols, headers }.
function connect(url, label, options = {}) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, options.protocols || [], { headers: options.headers || {} });
    const peer = new Peer(ws, label);
    ws.once('open', () => {
      peers.push(peer);
      resolve(peer);
    });
    ws.once('unexpected-response', (req, res) => {
      reject(
        Object.assign(new Error(`${label}: upgrade answered HTTP ${res.statusCode}`), {
          status: res.statusCode,
        }),
      );
      req.destroy();
    });
    ws.once('error', (err) => reject(new Error(`${label}: ${err.message}`)));
  });
}

/// Resolves to the HTTP status of an upgrade the server refuses; fails if it accepts it.
async function refusedUpgrade(url, options = {}) {
  try {
    const peer = await connect(url, 'refused', options);
    peer.close();
  } catch (err) {
    if (err.status) return err.status;
    throw err;
  }
  throw new Error('the upgrade was accepted');
}

/// Asserts that `actual` has every key of `expected` with a deep-equal value (other keys may
/// exist: the documents do not forbid extra fields and key order is not part of JSON).
function fields(actual, expected, what = 'reply') {
  assert.ok(
    actual && typeof actual === 'object',
    `${what}: expected an object, got ${JSON.stringify(actual)}`,
  );
  for (const [key, value] of Object.entries(expected)) {
    assert.ok(
      Object.prototype.hasOwnProperty.call(actual, key),
      `${what}: no "${key}" in ${JSON.stringify(actual)}`,
    );
    assert.ok(
      isDeepStrictEqual(actual[key], value),
      `${what}: "${key}" is ${JSON.stringify(actual[key])}, expected ${JSON.stringify(value)} ` +
        `in ${JSON.stringify(actual)}`,
    );
  }
  return actual;
}

/// Asserts `actual` has exactly these keys (for replies whose shape the document fixes).
function keys(actual, expected, what = 'reply') {
  assert.ok(
    isDeepStrictEqual(Object.keys(actual).sort(), [...expected].sort()),
    `${what}: keys ${JSON.stringify(Object.keys(actual))} in ${JSON.stringify(actual)}, ` +
      `expected ${JSON.stringify(expected)}`,
  );
}

/// Runs one named step; prints "ok N - name" when it passes, rethrows with its name otherwise.
async function step(name, fn) {
  currentStep = name;
  stepCount += 1;
  const result = await fn();
  process.stdout.write(`ok ${stepCount} - ${name}\n`);
  return result;
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// Stops the server with SIGTERM; every example server exits 0 on it.
async function stopServer() {
  if (!server || server.exited) return server && server.exited;
  const exited = new Promise((resolve) =>
    server.proc.once('exit', (code, signal) => resolve({ code, signal })),
  );
  server.proc.kill('SIGTERM');
  const timer = setTimeout(() => server.proc.kill('SIGKILL'), 5000);
  const result = await exited;
  clearTimeout(timer);
  return result;
}

/// A step: SIGTERM stops the server with exit status 0 (every example server promises it).
function stopsCleanly(label = '') {
  return step(`${label}SIGTERM stops the server with status 0`, async () => {
    const exit = await stopServer();
    assert.deepStrictEqual(
      exit,
      { code: 0, signal: null },
      `server ended with ${JSON.stringify(exit)}`,
    );
  });
}

/// Runs a script's flow: `main(binary)` with the server binary from argv; exits 0 when every
/// step passed, 1 with the failing step otherwise. The server is always stopped.
function run(main) {
  const binary = process.argv[2];
  if (!binary) {
    process.stderr.write(`usage: node ${path.basename(process.argv[1])} <server-binary>\n`);
    process.exit(2);
  }
  // Should the event loop drain before the flow reports (a promise that never settles), the
  // script must not pass by default.
  process.exitCode = 1;
  process.on('exit', () => {
    if (server && !server.exited) server.proc.kill('SIGKILL');
  });
  (async () => {
    let failed = null;
    try {
      await main(binary);
    } catch (err) {
      failed = err;
    }
    for (const p of peers) p.ws.terminate();
    if (!failed) {
      try {
        await stopsCleanly();
      } catch (err) {
        failed = err;
      }
    } else {
      await stopServer();
    }
    if (failed) {
      process.stdout.write(
        `not ok ${stepCount} - ${currentStep}\n  ${failed.message.replace(/\n/g, '\n  ')}\n`,
      );
      if (server && server.stderr)
        process.stdout.write(
          `  server stderr:\n    ${server.stderr.trim().replace(/\n/g, '\n    ')}\n`,
        );
      process.exit(1);
    }
    process.stdout.write(`all ${stepCount} steps passed\n`);
    process.exit(0);
  })();
}

module.exports = {
  startServer,
  stopsCleanly,
  connect,
  refusedUpgrade,
  fields,
  keys,
  step,
  sleep,
  run,
  REPLY_MS,
  UUID,
  assert,
};
