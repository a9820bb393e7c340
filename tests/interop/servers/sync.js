// sync-server against event-ack-sync.md (the "DoorBuilder" Event/Ack subprotocol), NOTES.md and
// the handshake schemas/sync.yaml defines (the document elides it), driven by npm ws.
// Usage: node sync.js <path to sync-server>
'use strict';
const crypto = require('crypto');
const {
  startServer,
  connect,
  refusedUpgrade,
  fields,
  keys,
  step,
  sleep,
  run,
  assert,
  UUID,
} = require('./peer');

const TOKEN = 'interop-token';
// Short, so the deadline steps stay quick; long enough for a loaded machine to ack in time.
const ACK_MS = 1500;
const AUTH = { headers: { Authorization: `Bearer ${TOKEN}` } };
// Frames as the npm sync peers build them (../sync/peer_common.js); here an event is its text.
const common = require('../sync/peer_common');
const { now, ack, SENT_AT } = common;
const event = (payload, extra = {}) => common.event(payload, extra).text;

function checkAck(msg, id) {
  keys(msg, ['type', 'id', 'sent_at'], 'Ack');
  fields(msg, { type: 'ack', id }, 'Ack');
  assert.match(msg.sent_at, SENT_AT);
}

function checkEvent(msg, payload) {
  fields(msg, { type: 'event', status: 'ok', reason: null }, 'Event');
  assert.match(msg.id, UUID);
  assert.match(msg.sent_at, SENT_AT);
  if (payload !== undefined) fields(msg, { payload }, 'Event');
  return msg;
}

// A connection past the handshake: the server's first Event announces the ack deadline; the
// messaging phase starts once it is acked.
async function session(url, label) {
  const peer = await connect(url, label, AUTH);
  const hello = checkEvent(await peer.json(), { ack_timeout_ms: ACK_MS });
  peer.send(ack(hello.id));
  return peer;
}

async function main(binary) {
  const { url } = await startServer(binary, ['--token', TOKEN, '--ack-ms', String(ACK_MS)]);

  await step('an upgrade without a bearer token, or with a wrong one, is refused 401', async () => {
    assert.strictEqual(await refusedUpgrade(url), 401);
    assert.strictEqual(
      await refusedUpgrade(url, { headers: { Authorization: 'Bearer nope' } }),
      401,
    );
  });

  let user;
  await step('handshake: the first Event carries ack_timeout_ms; the client acks it', async () => {
    user = await connect(url, 'user', AUTH);
    const hello = await user.json();
    keys(hello, ['type', 'id', 'sent_at', 'status', 'reason', 'payload'], 'handshake Event');
    checkEvent(hello, { ack_timeout_ms: ACK_MS });
    user.send(ack(hello.id));
    await user.nothing();
  });

  const states = [
    { door: 'front', open: true },
    { door: 'back', open: false, items: [1, 2] },
  ];
  await step('an Event (a State) is acked once with its id; extra keys are allowed', async () => {
    for (const [i, state] of states.entries()) {
      const text = event(state, i === 1 ? { extra: 'ignored' } : {});
      user.send(text);
      checkAck(await user.json(), JSON.parse(text).id);
    }
    await user.nothing();
  });

  await step('an Event with status "error" and a reason is acked too', async () => {
    const text = event({}, { status: 'error', reason: 'disk full' });
    user.send(text);
    checkAck(await user.json(), JSON.parse(text).id);
  });

  await step(
    'recovery: the stored States come back as Events, each acked by the client',
    async () => {
      const again = await session(url, 'recovering');
      const request = event({ recover: 1 });
      again.send(request);
      const got = [await again.json(), await again.json(), await again.json()];
      const acks = got.filter((m) => m.type === 'ack');
      assert.strictEqual(acks.length, 1, `one Ack among ${JSON.stringify(got)}`);
      checkAck(acks[0], JSON.parse(request).id);
      const events = got.filter((m) => m.type === 'event').map((m) => checkEvent(m));
      assert.deepStrictEqual(
        events.map((e) => e.payload),
        states,
      );
      // Acks out of order are allowed.
      again.send(ack(events[1].id));
      again.send(ack(events[0].id));
      await again.nothing(ACK_MS + 500); // acked in time: no 1008
      await again.close();
    },
  );

  // schemas/sync.yaml: a missed ack deadline is a broken rule of the conversation: 1008.
  await step('deadline: a server Event not acked within ack_timeout_ms closes 1008', async () => {
    const late = await session(url, 'late');
    late.send(event({ recover: 1 }));
    for (let i = 0; i < 3; i += 1) await late.json();
    const started = Date.now();
    await late.expectClose(1008, ACK_MS + 3000);
    assert.ok(Date.now() - started >= ACK_MS - 300, 'closed before the deadline');
  });

  await step('deadline: a handshake Event never acked closes 1008', async () => {
    const mute = await connect(url, 'mute', AUTH);
    checkEvent(await mute.json());
    await mute.expectClose(1008, ACK_MS + 3000);
  });

  await step('handshake: an Event before the handshake ack closes 1008', async () => {
    const eager = await connect(url, 'eager', AUTH);
    checkEvent(await eager.json());
    eager.send(event({ door: 'x' }));
    await eager.expectClose(1008);
  });

  // event-ack-sync.md, Close Codes, then NOTES.md's 4003..4005; each on a fresh session.
  const violations = [
    ['4001: a binary frame', (p) => p.sendBinary([0x7b, 0x7d]), 4001],
    ['4002: text that is not JSON', (p) => p.send('{"type": "event", '), 4002],
    ['4002: JSON that is not an object', (p) => p.send('["event"]'), 4002],
    [
      '4003: a missing field (Event without id)',
      (p) =>
        p.send(
          JSON.stringify({
            type: 'event',
            sent_at: now(),
            status: 'ok',
            reason: null,
            payload: {},
          }),
        ),
      4003,
    ],
    ['4004: a field of the wrong type (payload a string)', (p) => p.send(event('text')), 4004],
    [
      '4005: an invalid value (status "maybe")',
      (p) => p.send(event({}, { status: 'maybe' })),
      4005,
    ],
    [
      '4005: an Event with status "fatal"',
      (p) => p.send(event({}, { status: 'fatal', reason: 'x' })),
      4005,
    ],
    ['4005: an Ack of an unknown Event', (p) => p.send(ack(crypto.randomUUID())), 4005],
  ];
  for (const [name, send, code] of violations) {
    await step(`close ${name}`, async () => {
      const p = await session(url, name);
      send(p);
      await p.expectClose(code);
    });
  }

  await step('close 4005: an Ack of an Event already acked', async () => {
    const p = await session(url, 'double ack');
    p.send(event({ recover: 1 }));
    const got = [await p.json(), await p.json(), await p.json()];
    const first = got.find((m) => m.type === 'event');
    p.send(ack(first.id));
    p.send(ack(first.id));
    await p.expectClose(4005);
  });

  // NOTES.md: "Over a rate limit (10 messages in 5 s) the server closes with 1008."
  await step('close 1008: more than 10 messages in 5 s', async () => {
    const p = await session(url, 'flood'); // the handshake Ack is message 1
    for (let i = 0; i < 9; i += 1) p.send(event({ n: i }));
    for (let i = 0; i < 9; i += 1) fields(await p.json(), { type: 'ack' });
    p.send(event({ n: 10 }));
    await p.expectClose(1008);
  });

  await step('the first connection is unaffected by the others', async () => {
    const text = event({ door: 'side' });
    user.send(text);
    checkAck(await user.json(), JSON.parse(text).id);
    await sleep(10);
    await user.close();
  });
}

run(main);
