// A Rise client speaking the 0.14 wire form (NOTES.md on rise.md: flat `evt` / `evt-res`) as raw
// JSON over npm ws. The npm packages of 0.14 ship no WebSocket client (@rise-tools/react only
// renders models; its only WebSocket code is the server's), so this is written from their source.
// It runs one fixed flow against any 0.14 server and prints every frame it receives, in order,
// as "<- JSON", so a test can compare what the real server (server.js) and wirekit's rise-server
// answer to the same frames. Each evt names its handler by target.path, as both servers look it
// up: model `events`, then the handler's name.
// Usage: node peer_client.js PORT
'use strict';
const WebSocket = require('ws');

const port = Number(process.argv[2]);
const ws = new WebSocket(`ws://127.0.0.1:${port}/`);
const inbox = [];
let waiting = null;

function fail(why) {
  console.log('FAIL ' + why);
  process.exit(1);
}

// The next frame, parsed; each is printed as it arrives.
function next() {
  if (inbox.length) return Promise.resolve(inbox.shift());
  return new Promise((resolve) => (waiting = resolve));
}
ws.on('message', (data, binary) => {
  if (binary) fail('a binary frame');
  const text = data.toString();
  console.log('<- ' + text);
  let msg;
  try {
    msg = JSON.parse(text);
  } catch (e) {
    fail('not JSON: ' + text);
  }
  if (waiting) {
    const w = waiting;
    waiting = null;
    w(msg);
  } else {
    inbox.push(msg);
  }
});
ws.on('error', (e) => fail('socket error ' + e.message));

const send = (msg) => ws.send(JSON.stringify(msg));
let evtCount = 0;
function evt(handler, args) {
  const key = `e${++evtCount}`;
  send({
    $: 'evt',
    key,
    target: { key: 'b1', component: 'Button', propKey: 'onPress', path: ['events', handler] },
    modelState: { $: 'event' },
    payload: args,
  });
  return key;
}

// Only the fields the 0.14 form defines, and the ones it requires.
function check(msg, tag, required, allowed) {
  if (msg.$ !== tag) fail(`expected ${tag}, got ${JSON.stringify(msg)}`);
  for (const k of required) if (!(k in msg)) fail(`${tag} without ${k}`);
  for (const k of Object.keys(msg))
    if (k !== '$' && !allowed.includes(k)) fail(`${tag} with unknown field ${k}`);
}
async function up(key) {
  const msg = await next();
  check(msg, 'up', ['key', 'val'], ['key', 'val']);
  if (msg.key !== key) fail(`up for ${msg.key}, expected ${key}`);
}
async function res(key, error) {
  const msg = await next();
  check(msg, 'evt-res', ['key'], ['key', 'payload', 'error', 'actions']);
  if (msg.key !== key) fail(`evt-res for ${msg.key}, expected ${key}`);
  if ((msg.error === true) !== error) fail(`evt-res ${key}: error is ${msg.error}`);
  if ('error' in msg && msg.error !== true) fail(`evt-res ${key}: error present but not true`);
}

ws.on('open', async () => {
  // sub: an up per known key at once; the unknown key gets nothing.
  send({ $: 'sub', keys: ['counter', 'list', 'nope'] });
  await up('counter');
  await up('list');
  // A change's up comes before the evt-res of the event that made it.
  let key = evt('increment', []);
  await up('counter');
  await res(key, false);
  key = evt('append', ['milk']);
  await up('list');
  await res(key, false);
  await res(evt('fail', []), true);
  // unsub gets no reply, and the change that follows no up: the evt-res comes first. It names
  // every key the sub named, unknown one included: rise-server ends a sub's stream only once all
  // its keys are unsubscribed, while the real server drops each key it is given.
  send({ $: 'unsub', keys: ['counter', 'list', 'nope'] });
  await res(evt('increment', []), false);
  if (inbox.length) fail('frames after the last evt-res');
  ws.close(1000);
});
ws.on('close', (code) => {
  console.log(`CLOSE ${code}`);
  process.exit(0);
});
