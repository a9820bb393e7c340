// Differential test runner: plays one script of frames against several servers and compares
// what each answers, frame by frame, so a divergence of a wirekit example server from the
// upstream implementation (or from a transcript of it) fails the build.
//
// Usage:
//   node differ.js SCRIPT.json -- CMD [ARGS...] [-- CMD [ARGS...]]...
// Each CMD is started once per run (a fresh process, so no state carries over), must print
// `listening on ws://HOST:PORT/PATH` on stdout, and is stopped by PID with SIGTERM afterwards.
// The first server is the reference. When the script has `expected` transcripts, every server
// is compared with them too (for upstream implementations that cannot run here).
//
// A script (JSON):
//   {
//     "doc": "what it covers",
//     "ignore": ["key", ...],   // keys whose values differ by design (ids, uuids, times)
//     "steps": [
//       {"doc": "...", "conn": "a", "send": {...} | "send_text": "raw text",
//        "expect": {"a": 2, "b": 1},   // frames to wait for on each connection (default {})
//        "close": 1000,                 // instead of sending: close the connection
//        "expected": {"a": ["{...}", ...]}}   // optional transcript of the upstream server
//     ]
//   }
// A connection opens on its first use. After each step the runner waits until every count in
// `expect` is reached (at most 5 s), then `settle_ms` (default 150) more for frames nobody
// expected; everything that arrived on every connection in that time is the step's transcript.
// Frames are compared as JSON: key order does not count, the `ignore` keys and values that
// are UUIDs or ISO 8601 times are replaced by "*". A close shows as `CLOSE code`.
// DIFFER_VERBOSE=1 prints every server's transcript of every step.
'use strict';
const { spawn, execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

function loadWs() {
  try {
    return require('ws');
  } catch (err) {
    execFileSync('sh', [path.join(__dirname, '..', 'install.sh')], { stdio: 'ignore' });
    return require('ws');
  }
}
const WebSocket = loadWs();

const REPLY_MS = 5000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/// JSON text with sorted keys, ignored keys and values replaced by "*".
function normalize(value, ignore) {
  if (Array.isArray(value)) return value.map((v) => normalize(v, ignore));
  if (value && typeof value === 'object') {
    const out = {};
    for (const k of Object.keys(value).sort())
      out[k] = ignore.includes(k) ? '*' : normalize(value[k], ignore);
    return out;
  }
  if (typeof value === 'string' && (UUID.test(value) || TIME.test(value))) return '*';
  return value;
}
function canonical(text, ignore) {
  try {
    return JSON.stringify(normalize(JSON.parse(text), ignore));
  } catch (err) {
    return `NOT JSON ${text}`;
  }
}

/// Starts `argv`, resolves to { proc, url } once it prints its listening line.
function startServer(argv) {
  return new Promise((resolve, reject) => {
    const proc = spawn(argv[0], argv.slice(1), { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`${argv[0]}: no listening line in 10 s`)), 10000);
    proc.stderr.on('data', (d) => {
      err += d.toString();
    });
    proc.stdout.on('data', (d) => {
      out += d.toString();
      const m = /listening on (ws:\/\/[^\s]+)\n/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      resolve({ proc, url: m[1], stderr: () => err });
    });
    proc.on('exit', (code, signal) => {
      proc.exited = true;
      clearTimeout(timer);
      reject(new Error(`${argv[0]} exited (${code ?? signal}): ${err.trim()}`));
    });
    proc.on('error', (e) => {
      proc.exited = true;
      clearTimeout(timer);
      reject(e);
    });
  });
}

function stopServer(server) {
  if (server.proc.exited) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => server.proc.kill('SIGKILL'), 5000);
    server.proc.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    server.proc.kill('SIGTERM');
  });
}

/// One connection: every frame and the close, in arrival order.
class Conn {
  constructor(url) {
    this.frames = [];
    this.ws = new WebSocket(url);
    this.ws.on('message', (data, binary) =>
      this.frames.push(binary ? `BINARY ${data.length}` : data.toString()),
    );
    this.ws.on('close', (code) => this.frames.push(`CLOSE ${code}`));
    this.ws.on('error', () => {});
    this.opened = new Promise((resolve, reject) => {
      this.ws.once('open', resolve);
      this.ws.once('error', reject);
    });
  }
}

/// Plays `script` against the server at `url`; resolves to one transcript per step:
/// { conn: [canonical frames] } for every connection that received something.
async function play(script, url) {
  const conns = new Map();
  const ignore = script.ignore || [];
  const transcripts = [];
  const conn = async (name) => {
    if (!conns.has(name)) {
      const c = new Conn(url);
      conns.set(name, c);
      await c.opened;
    }
    return conns.get(name);
  };
  for (const step of script.steps) {
    const seen = new Map();
    for (const name of Object.keys(step.expect || {})) await conn(name);
    for (const [name, c] of conns) seen.set(name, c.frames.length);
    const c = await conn(step.conn);
    if (!seen.has(step.conn)) seen.set(step.conn, 0);
    if (step.close !== undefined) c.ws.close(step.close);
    else if (step.send_text !== undefined) c.ws.send(step.send_text);
    else c.ws.send(JSON.stringify(step.send));
    const deadline = Date.now() + REPLY_MS;
    const counts = step.expect || {};
    const reached = () =>
      Object.entries(counts).every(
        ([name, n]) => conns.get(name).frames.length - (seen.get(name) || 0) >= n,
      );
    while (!reached() && Date.now() < deadline) await sleep(5);
    await sleep(step.settle_ms ?? 150);
    const got = {};
    for (const [name, cn] of conns) {
      const fresh = cn.frames.slice(seen.get(name) || 0);
      if (fresh.length)
        got[name] = fresh.map((f) => (f.startsWith('CLOSE ') ? f : canonical(f, ignore)));
    }
    transcripts.push(got);
  }
  for (const c of conns.values()) c.ws.terminate();
  return transcripts;
}

function show(t) {
  const lines = [];
  for (const [name, frames] of Object.entries(t)) for (const f of frames) lines.push(`${name} <- ${f}`);
  return lines.length ? lines.join('\n      ') : '(nothing)';
}

async function main() {
  const args = process.argv.slice(2);
  const scriptPath = args[0];
  const commands = [];
  for (const a of args.slice(1)) {
    if (a === '--') commands.push([]);
    else if (commands.length) commands[commands.length - 1].push(a);
  }
  if (!scriptPath || !commands.length || commands.some((c) => !c.length)) {
    process.stderr.write('usage: node differ.js SCRIPT.json -- CMD [ARGS...] [-- CMD ...]\n');
    process.exit(2);
  }
  const script = JSON.parse(fs.readFileSync(scriptPath, 'utf8'));
  const ignore = script.ignore || [];
  const runs = [];
  for (const argv of commands) {
    const server = await startServer(argv);
    try {
      runs.push({ name: path.basename(argv[argv.length > 1 && argv[0].endsWith('node') ? 1 : 0]),
                  transcripts: await play(script, server.url), stderr: server.stderr });
    } finally {
      await stopServer(server);
    }
  }
  let failed = 0;
  script.steps.forEach((step, i) => {
    const problems = [];
    const reference = runs[0];
    if (step.expected) {
      const want = {};
      for (const [name, frames] of Object.entries(step.expected))
        want[name] = frames.map((f) => (f.startsWith('CLOSE ') ? f : canonical(f, ignore)));
      for (const run of runs)
        if (JSON.stringify(run.transcripts[i]) !== JSON.stringify(want))
          problems.push(`${run.name} answered\n      ${show(run.transcripts[i])}\n    expected\n      ${show(want)}`);
    }
    for (const [name, n] of Object.entries(step.expect || {})) {
      const got = (reference.transcripts[i][name] || []).length;
      if (got < n) problems.push(`${reference.name} sent ${got} frames to ${name}, the script expects ${n}`);
    }
    for (const run of runs.slice(1))
      if (JSON.stringify(run.transcripts[i]) !== JSON.stringify(reference.transcripts[i]))
        problems.push(`${reference.name} answered\n      ${show(reference.transcripts[i])}\n    ${run.name} answered\n      ${show(run.transcripts[i])}`);
    const label = `${i + 1} - ${step.doc || JSON.stringify(step.send || step.send_text)}`;
    if (process.env.DIFFER_VERBOSE === '1')
      for (const run of runs) process.stdout.write(`# ${run.name}: ${show(run.transcripts[i])}\n`);
    if (problems.length) {
      failed += 1;
      process.stdout.write(`not ok ${label}\n    ${problems.join('\n    ')}\n`);
    } else {
      process.stdout.write(`ok ${label}\n`);
    }
  });
  const passed = script.steps.length - failed;
  process.stdout.write(`${passed} passed, ${failed} failed\n`);
  process.exit(failed ? 1 : 0);
}

main().catch((err) => {
  process.stdout.write(`not ok - ${err.message}\n`);
  process.exit(1);
});
