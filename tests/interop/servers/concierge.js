// concierge-server against concierge.md (ERT concierge gateway) and NOTES.md, driven by npm ws.
// Usage: node concierge.js <path to concierge-server>
'use strict';
const {
  startServer,
  stopsCleanly,
  connect,
  fields,
  keys,
  step,
  run,
  assert,
  UUID,
} = require('./peer');

const PROTOCOLS = { protocols: ['ert-concierge'] };

const identify = (name, extra = {}) =>
  JSON.stringify({ type: 'IDENTIFY', name, nickname: null, version: '0.2.0', tags: [], ...extra });

// The next `n` messages of `peer`, in arrival order. Replies and broadcasts may interleave (a
// create reaches its requester as broadcast and as sequenced reply), so steps look them up.
async function many(peer, n) {
  const out = [];
  for (let i = 0; i < n; i += 1) out.push(await peer.json());
  return out;
}

// The one message of `list` with this type (and seq, when given; null: without seq).
function pick(list, type, seq) {
  const found = list.filter(
    (m) => m.type === type && (seq === undefined || (seq === null ? !('seq' in m) : m.seq === seq)),
  );
  assert.strictEqual(
    found.length,
    1,
    `expected one ${type}${seq === undefined ? '' : ` seq ${seq}`} in ${JSON.stringify(list)}`,
  );
  return found[0];
}

// Identification must fail with `code` (and, when given, upstream's close `reason`): a fresh
// connection sends `text` as its first payload.
async function refused(url, text, code, reason) {
  const peer = await connect(url, `refused ${code}`, PROTOCOLS);
  if (typeof text === 'string') peer.send(text);
  else peer.sendBinary(text);
  const info = await peer.expectClose(code);
  if (reason !== undefined) assert.strictEqual(info.reason, reason, `close ${code} reason`);
}

async function main(binary) {
  const server = await startServer(binary);
  const url = server.url;
  const uuids = {};
  let alice;
  let bob;
  let carol;

  await step('the upgrade selects the ert-concierge subprotocol', async () => {
    const p = await connect(url, 'probe', PROTOCOLS);
    assert.strictEqual(p.ws.protocol, 'ert-concierge');
    await p.close();
  });

  // concierge.md: "Any other payload sent during this period will also immediately drop the
  // connection"; NOTES.md gives the order in which upstream checks an IDENTIFY.
  await step('4002 FATAL_DECODE: a binary first frame', () => refused(url, [1, 2, 3], 4002));
  await step('4002 FATAL_DECODE: malformed JSON first', () =>
    refused(url, '{"type": "IDENT', 4002),
  );
  await step('4003 NO_AUTH: a normal payload before IDENTIFY', () =>
    refused(url, '{"type": "SELF_FETCH"}', 4003),
  );
  await step('4008 BAD_AUTH: a name that is not alphanumeric/underscore (checked first)', () =>
    refused(
      url,
      identify('bad name!', { secret: 'wrong', version: '9.0.0' }),
      4008,
      'Name must be alphanumeric',
    ),
  );
  await step('4006 BAD_SECRET: a secret the gateway does not expect (checked before version)', () =>
    refused(url, identify('eve', { secret: 'wrong', version: '9.0.0' }), 4006, 'Secret mismatch'),
  );
  await step('4007 BAD_VERSION: a version incompatible with 0.2.0', () =>
    refused(url, identify('eve', { version: '1.0.0' }), 4007, 'Version mismatch'),
  );
  // Upstream matches the version against the semver requirement ^0.2.0: a pre-release does not
  // match it, and a version that is not SemVer is refused too (upstream's parse would panic).
  await step(
    '4007 BAD_VERSION: pre-releases and malformed versions; build metadata is fine',
    async () => {
      const versions = ['0.2.1-alpha', '0.2.0-rc.1', '0.2.x', '0.2.01', '0.2', '0.2.0.1', '0.2.0+'];
      for (const version of versions) await refused(url, identify('eve', { version }), 4007);
      const eve = await connect(url, 'eve', PROTOCOLS);
      eve.send(identify('eve', { version: '0.2.17+build.5' }));
      fields(await eve.json(), { type: 'HELLO' }, 'HELLO');
      await eve.close();
    },
  );

  await step(
    'IDENTIFY (document fields, no secret) → HELLO {uuid, version} without seq',
    async () => {
      alice = await connect(url, 'alice', PROTOCOLS);
      alice.send(
        '{"type": "IDENTIFY", "name": "alice", "nickname": "Alice", "version": "0.2.0", ' +
          '"tags": ["owner"]}',
      );
      const hello = await alice.json();
      keys(hello, ['type', 'uuid', 'version'], 'HELLO');
      fields(hello, { type: 'HELLO', version: '0.2.0' }, 'HELLO');
      assert.match(hello.uuid, UUID);
      uuids.alice = hello.uuid;
    },
  );

  await step('4005 DUPLICATE_AUTH: a name already taken (version checked before it)', async () => {
    await refused(url, identify('alice', { version: '2.0.0' }), 4007);
    await refused(url, identify('alice'), 4005, 'Duplicate name in namespace');
  });

  await step('4004 AUTH_FAILED: no IDENTIFY within 5 s', async () => {
    const p = await connect(url, 'silent', PROTOCOLS);
    const started = Date.now();
    await p.expectClose(4004, 8000);
    const waited = Date.now() - started;
    assert.ok(waited >= 4500, `closed after ${waited} ms, before the 5 s deadline`);
  });

  await step('a second client joins: CLIENT_JOINED to the others, then HELLO', async () => {
    bob = await connect(url, 'bob', PROTOCOLS);
    bob.send(identify('bob', { tags: ['viewer'] }));
    fields(await bob.json(), { type: 'HELLO', version: '0.2.0' }, 'HELLO');
    const joined = await alice.json();
    keys(joined, ['type', 'client'], 'CLIENT_JOINED');
    fields(joined, { type: 'CLIENT_JOINED' });
    fields(
      joined.client,
      { name: 'bob', nickname: null, tags: ['viewer'] },
      'CLIENT_JOINED.client',
    );
    uuids.bob = joined.client.uuid;
    assert.match(uuids.bob, UUID);
    carol = await connect(url, 'carol', PROTOCOLS);
    carol.send(identify('carol'));
    fields(await carol.json(), { type: 'HELLO' }, 'HELLO');
    for (const p of [alice, bob]) {
      const j = await p.json();
      fields(j, { type: 'CLIENT_JOINED' });
      fields(j.client, { name: 'carol' }, 'CLIENT_JOINED.client');
      uuids.carol = j.client.uuid;
    }
  });

  const weather = (subscribers) => ({
    name: 'weather',
    nickname: 'Weather',
    owner_uuid: uuids.alice,
    subscribers,
  });

  await step('SERVICE_CREATE → broadcast and sequenced SERVICE_CREATE_RESULT (seq 0)', async () => {
    alice.send('{"type": "SERVICE_CREATE", "service": "weather", "nickname": "Weather"}');
    const got = await many(alice, 2);
    const reply = pick(got, 'SERVICE_CREATE_RESULT', 0);
    fields(reply, { successful: true, service: weather([]) }, 'reply');
    fields(pick(got, 'SERVICE_CREATE_RESULT', null), { successful: true, service: weather([]) });
    for (const p of [bob, carol]) {
      const b = await p.json();
      assert.ok(!('seq' in b), `a broadcast carries no seq: ${JSON.stringify(b)}`);
      fields(b, { type: 'SERVICE_CREATE_RESULT', successful: true, service: weather([]) });
    }
  });

  await step(
    'SERVICE_CREATE of an existing name → successful false, seq 1, no broadcast',
    async () => {
      alice.send('{"type": "SERVICE_CREATE", "service": "weather"}');
      fields(await alice.json(), { type: 'SERVICE_CREATE_RESULT', seq: 1, successful: false });
      await bob.nothing();
    },
  );

  await step('SERVICE_FETCH → SERVICE_FETCH_RESULT; unknown → INVALID_SERVICE', async () => {
    alice.send('{"type": "SERVICE_FETCH", "service": "weather"}');
    fields(await alice.json(), { type: 'SERVICE_FETCH_RESULT', seq: 2, service: weather([]) });
    alice.send('{"type": "SERVICE_FETCH", "service": "nope"}');
    fields(await alice.json(), { type: 'INVALID_SERVICE', seq: 3, service: 'nope' });
  });

  await step('SERVICE_FETCH_ALL → SERVICE_FETCH_ALL_RESULT (NOTES.md tag)', async () => {
    alice.send('{"type": "SERVICE_FETCH_ALL"}');
    fields(await alice.json(), {
      type: 'SERVICE_FETCH_ALL_RESULT',
      seq: 4,
      services: [weather([])],
    });
  });

  await step('CLIENT_FETCH_ALL → CLIENT_FETCH_ALL_RESULT with every client', async () => {
    bob.send('{"type": "CLIENT_FETCH_ALL"}');
    const r = fields(await bob.json(), { type: 'CLIENT_FETCH_ALL_RESULT', seq: 0 });
    const byName = Object.fromEntries(r.clients.map((c) => [c.name, c]));
    assert.deepStrictEqual(Object.keys(byName).sort(), ['alice', 'bob', 'carol']);
    fields(byName.alice, { nickname: 'Alice', uuid: uuids.alice, tags: ['owner'] }, 'alice');
  });

  await step('SELF_SUBSCRIBE → SELF_SUBSCRIBE_RESULT and SERVICE_CLIENT_SUBSCRIBED', async () => {
    alice.send('{"type": "SELF_SUBSCRIBE", "service": "weather"}');
    let got = await many(alice, 2);
    fields(pick(got, 'SELF_SUBSCRIBE_RESULT', 5), {
      successful: true,
      service: weather([uuids.alice]),
    });
    fields(pick(got, 'SERVICE_CLIENT_SUBSCRIBED').client, { name: 'alice' });
    bob.send('{"type": "SELF_SUBSCRIBE", "service": "weather"}');
    got = await many(bob, 2);
    const both = [uuids.alice, uuids.bob];
    const result = pick(got, 'SELF_SUBSCRIBE_RESULT', 1);
    fields(result, { successful: true });
    assert.deepStrictEqual(result.service.subscribers.sort(), both.sort());
    // concierge.md: only subscribers get it; the owner because it subscribed itself.
    const note = await alice.json();
    fields(note, { type: 'SERVICE_CLIENT_SUBSCRIBED' });
    fields(note.client, { name: 'bob', uuid: uuids.bob }, 'client');
    fields(note.service, { name: 'weather' }, 'service');
    await carol.nothing();
  });

  await step('SELF_SUBSCRIBE again → successful false; unknown → INVALID_SERVICE', async () => {
    bob.send('{"type": "SELF_SUBSCRIBE", "service": "weather"}');
    fields(await bob.json(), { type: 'SELF_SUBSCRIBE_RESULT', seq: 2, successful: false });
    bob.send('{"type": "SELF_SUBSCRIBE", "service": "nope"}');
    fields(await bob.json(), { type: 'INVALID_SERVICE', seq: 3, service: 'nope' });
    await alice.nothing();
  });

  await step('SELF_FETCH → SELF_FETCH_RESULT with client and subscriptions', async () => {
    bob.send('{"type": "SELF_FETCH"}');
    const r = fields(await bob.json(), { type: 'SELF_FETCH_RESULT', seq: 4 });
    fields(r.client, { name: 'bob', nickname: null, uuid: uuids.bob, tags: ['viewer'] }, 'client');
    assert.strictEqual(r.subscriptions.length, 1);
    fields(r.subscriptions[0], { name: 'weather', owner_uuid: uuids.alice }, 'subscription');
  });

  // NOTES.md: the server fills in `origin` itself, ignoring the client's, and relays `data` as is.
  const forged = { name: 'mallory', nickname: null, uuid: uuids.carol, tags: [], service: null };
  const data = { temp: 21.5, list: [1, 'two', null], nested: { ok: true } };
  const origin = (who, service) => ({ name: who, uuid: uuids[who], service });

  await step('MESSAGE to NAME: relayed with the server-set origin; sender gets OK', async () => {
    carol.send(
      JSON.stringify({
        type: 'MESSAGE',
        origin: forged,
        target: { type: 'NAME', name: 'bob' },
        data,
      }),
    );
    fields(await carol.json(), { type: 'OK', seq: 0 }, 'sender');
    const m = fields(await bob.json(), {
      type: 'MESSAGE',
      data,
      target: { type: 'NAME', name: 'bob' },
    });
    assert.ok(!('seq' in m), 'a relayed MESSAGE carries no seq');
    fields(
      m.origin,
      { name: 'carol', nickname: null, uuid: uuids.carol, tags: [], service: null },
      'origin',
    );
  });

  await step('MESSAGE to UUID', async () => {
    carol.send(
      JSON.stringify({ type: 'MESSAGE', target: { type: 'UUID', uuid: uuids.alice }, data: 'hi' }),
    );
    fields(await carol.json(), { type: 'OK', seq: 1 });
    fields((await alice.json()).origin, origin('carol', null), 'origin');
  });

  await step('MESSAGE to SERVICE by its owner reaches every subscriber but the owner', async () => {
    alice.send(
      JSON.stringify({ type: 'MESSAGE', target: { type: 'SERVICE', service: 'weather' }, data }),
    );
    fields(await alice.json(), { type: 'OK', seq: 6 });
    const m = fields(await bob.json(), { type: 'MESSAGE', data });
    fields(m.origin, { name: 'alice', uuid: uuids.alice }, 'origin');
    fields(m.origin.service, { name: 'weather', owner_uuid: uuids.alice }, 'origin.service');
    await carol.nothing();
  });

  await step('MESSAGE to SERVICE by a subscriber reaches the owner only', async () => {
    bob.send(
      JSON.stringify({ type: 'MESSAGE', target: { type: 'SERVICE', service: 'weather' }, data: 1 }),
    );
    fields(await bob.json(), { type: 'OK', seq: 5 });
    const m = fields(await alice.json(), { type: 'MESSAGE', data: 1 });
    fields(m.origin, { name: 'bob' }, 'origin');
    fields(m.origin.service, { name: 'weather' }, 'origin.service');
  });

  await step('MESSAGE to SERVICE by a non-subscriber → BAD', async () => {
    carol.send(
      JSON.stringify({ type: 'MESSAGE', target: { type: 'SERVICE', service: 'weather' }, data: 1 }),
    );
    fields(await carol.json(), { type: 'BAD' });
    await alice.nothing();
  });

  await step('MESSAGE to SERVICE_CLIENT_UUID: owner only, else BAD', async () => {
    alice.send(
      JSON.stringify({
        type: 'MESSAGE',
        target: { type: 'SERVICE_CLIENT_UUID', service: 'weather', uuid: uuids.carol },
        data: 'x',
      }),
    );
    fields(await alice.json(), { type: 'OK', seq: 7 });
    const m = fields(await carol.json(), { type: 'MESSAGE', data: 'x' });
    fields(m.origin.service, { name: 'weather' }, 'origin.service');
    bob.send(
      JSON.stringify({
        type: 'MESSAGE',
        target: { type: 'SERVICE_CLIENT_UUID', service: 'weather', uuid: uuids.carol },
        data: 'x',
      }),
    );
    fields(await bob.json(), { type: 'BAD' });
    await carol.nothing();
    // Upstream looks the service up first: an unknown one is INVALID_SERVICE, not BAD.
    alice.send(
      JSON.stringify({
        type: 'MESSAGE',
        target: { type: 'SERVICE_CLIENT_UUID', service: 'nope', uuid: uuids.carol },
        data: 'x',
      }),
    );
    fields(await alice.json(), { type: 'INVALID_SERVICE', seq: 8, service: 'nope' });
    await carol.nothing();
  });

  // Upstream broadcasts ALL to every connected client, the sender included (the schema's
  // TargetAll: "Every connected client"), so the sender gets its MESSAGE and its OK.
  await step('MESSAGE to ALL reaches every client, the sender too', async () => {
    carol.send('{"type": "MESSAGE", "target": {"type": "ALL"}, "data": [true]}');
    const own = await many(carol, 2);
    pick(own, 'OK', 3);
    const echo = fields(pick(own, 'MESSAGE'), { data: [true] });
    fields(echo.origin, {
      name: 'carol',
      nickname: null,
      uuid: uuids.carol,
      tags: [],
      service: null,
    });
    for (const p of [alice, bob]) fields((await p.json()).origin, origin('carol', null), 'origin');
  });

  await step(
    'MESSAGE to unknown targets → INVALID_NAME / INVALID_UUID / INVALID_SERVICE',
    async () => {
      const ghost = '00000000-0000-4000-8000-000000000000';
      carol.send('{"type": "MESSAGE", "target": {"type": "NAME", "name": "ghost"}, "data": 0}');
      fields(await carol.json(), { type: 'INVALID_NAME', seq: 4, name: 'ghost' });
      carol.send(`{"type": "MESSAGE", "target": {"type": "UUID", "uuid": "${ghost}"}, "data": 0}`);
      fields(await carol.json(), { type: 'INVALID_UUID', seq: 5, uuid: ghost });
      carol.send(
        '{"type": "MESSAGE", "target": {"type": "SERVICE", "service": "ghost"}, "data": 0}',
      );
      fields(await carol.json(), { type: 'INVALID_SERVICE', seq: 6, service: 'ghost' });
    },
  );

  await step('SELF_SET_SEQ → OK with that seq; numbering goes on from it', async () => {
    carol.send('{"type": "SELF_SET_SEQ", "seq": 100}');
    fields(await carol.json(), { type: 'OK', seq: 100 });
    carol.send('{"type": "SELF_FETCH"}');
    fields(await carol.json(), { type: 'SELF_FETCH_RESULT', seq: 101 });
  });

  await step(
    'ERROR_PROTOCOL (sequenced) for an unknown type and for malformed JSON; stays open',
    async () => {
      carol.send('{"type": "NO_SUCH_THING"}');
      const e = fields(await carol.json(), { type: 'ERROR_PROTOCOL', seq: 102 });
      assert.strictEqual(typeof e.desc, 'string');
      carol.send('{"type": ');
      fields(await carol.json(), { type: 'ERROR_PROTOCOL', seq: 103 });
      carol.send('{"type": "SELF_FETCH"}');
      fields(await carol.json(), { type: 'SELF_FETCH_RESULT', seq: 104 });
    },
  );

  await step('a second IDENTIFY → ERROR_UNSUPPORTED', async () => {
    carol.send(identify('carol'));
    fields(await carol.json(), { type: 'ERROR_UNSUPPORTED', seq: 105 });
  });

  await step(
    'SELF_UNSUBSCRIBE → SELF_UNSUBSCRIBE_RESULT; SERVICE_CLIENT_UNSUBSCRIBED to the service',
    async () => {
      bob.send('{"type": "SELF_UNSUBSCRIBE", "service": "weather"}');
      fields(await bob.json(), {
        type: 'SELF_UNSUBSCRIBE_RESULT',
        seq: 7,
        successful: true,
        service: weather([uuids.alice]),
      });
      // concierge.md, Service Client Unsubscribed: "broadcasted to the service when a client
      // unsubscribes from the service"; alice, the owner, is subscribed.
      const note = fields(await alice.json(), { type: 'SERVICE_CLIENT_UNSUBSCRIBED' });
      fields(note.client, { name: 'bob', uuid: uuids.bob }, 'client');
      fields(note.service, { name: 'weather' }, 'service');
      bob.send('{"type": "SELF_UNSUBSCRIBE", "service": "weather"}');
      fields(await bob.json(), { type: 'SELF_UNSUBSCRIBE_RESULT', seq: 8, successful: false });
      bob.send('{"type": "SELF_UNSUBSCRIBE", "service": "nope"}');
      fields(await bob.json(), { type: 'INVALID_SERVICE', seq: 9, service: 'nope' });
      await alice.nothing();
    },
  );

  await step('SERVICE_DELETE: non-owner → BAD, unknown → INVALID_SERVICE', async () => {
    bob.send('{"type": "SERVICE_DELETE", "service": "weather"}');
    fields(await bob.json(), { type: 'BAD' });
    bob.send('{"type": "SERVICE_DELETE", "service": "nope"}');
    fields(await bob.json(), { type: 'INVALID_SERVICE', seq: 11, service: 'nope' });
  });

  await step(
    'SERVICE_DELETE by the owner → SERVICE_DELETE_RESULT broadcast and reply',
    async () => {
      alice.send('{"type": "SERVICE_DELETE", "service": "weather"}');
      const got = await many(alice, 2);
      fields(pick(got, 'SERVICE_DELETE_RESULT', 9).service, { name: 'weather' }, 'reply.service');
      pick(got, 'SERVICE_DELETE_RESULT', null);
      for (const p of [bob, carol])
        fields((await p.json()).service, { name: 'weather' }, 'broadcast');
      alice.send('{"type": "SERVICE_FETCH_ALL"}');
      fields(await alice.json(), { type: 'SERVICE_FETCH_ALL_RESULT', seq: 10, services: [] });
    },
  );

  await step(
    'a client leaving: its services deleted, unsubscribed from others, CLIENT_LEFT',
    async () => {
      alice.send('{"type": "SERVICE_CREATE", "service": "news"}');
      await many(alice, 2);
      for (const p of [bob, carol]) fields(await p.json(), { type: 'SERVICE_CREATE_RESULT' });
      carol.send('{"type": "SERVICE_CREATE", "service": "chat"}');
      await many(carol, 2);
      for (const p of [alice, bob]) fields(await p.json(), { type: 'SERVICE_CREATE_RESULT' });
      carol.send('{"type": "SELF_SUBSCRIBE", "service": "chat"}');
      await many(carol, 2); // result and its own SERVICE_CLIENT_SUBSCRIBED
      alice.send('{"type": "SELF_SUBSCRIBE", "service": "chat"}');
      await many(alice, 2);
      fields(await carol.json(), { type: 'SERVICE_CLIENT_SUBSCRIBED' });
      bob.send('{"type": "SELF_SUBSCRIBE", "service": "news"}');
      await many(bob, 2);
      alice.send('{"type": "SELF_SUBSCRIBE", "service": "news"}'); // her own service
      await many(alice, 2);
      fields(await bob.json(), { type: 'SERVICE_CLIENT_SUBSCRIBED' });

      await alice.close();
      // Upstream reports the services as they stood when alice left: news still lists her (she
      // was subscribed to it), and so does chat in the unsubscribe notice.
      const sorted = (list) => [...list].sort();
      // bob: news (alice's) is deleted, then alice leaves.
      const deleted = fields(await bob.json(), { type: 'SERVICE_DELETE_RESULT' });
      fields(
        { ...deleted.service, subscribers: sorted(deleted.service.subscribers) },
        {
          name: 'news',
          nickname: null,
          owner_uuid: uuids.alice,
          subscribers: sorted([uuids.alice, uuids.bob]),
        },
        'SERVICE_DELETE_RESULT.service',
      );
      const left = fields(await bob.json(), { type: 'CLIENT_LEFT' });
      fields(left.client, { name: 'alice', uuid: uuids.alice }, 'CLIENT_LEFT.client');
      // carol owns chat and is subscribed to it: she hears alice unsubscribe from it.
      const got = await many(carol, 3);
      fields(pick(got, 'SERVICE_DELETE_RESULT').service, { name: 'news' });
      const note = pick(got, 'SERVICE_CLIENT_UNSUBSCRIBED');
      fields(note.client, { name: 'alice' });
      fields(note.service, { name: 'chat', owner_uuid: uuids.carol }, 'service');
      assert.deepStrictEqual(
        sorted(note.service.subscribers),
        sorted([uuids.alice, uuids.carol]),
        'the notice lists alice among chat\'s subscribers, as upstream does',
      );
      fields(pick(got, 'CLIENT_LEFT').client, { name: 'alice' });
      assert.strictEqual(got[2].type, 'CLIENT_LEFT', 'CLIENT_LEFT comes last (NOTES.md)');
    },
  );

  await step('a freed name can identify again', async () => {
    const again = await connect(url, 'alice again', PROTOCOLS);
    again.send(identify('alice'));
    fields(await again.json(), { type: 'HELLO' });
    await again.close();
  });
  await stopsCleanly('[no secret] ');

  // --secret: IDENTIFY must carry exactly that secret (4006 otherwise, also when it is absent).
  const guarded = (await startServer(binary, ['--secret', 's3cret'])).url;
  await step('[--secret] a missing or wrong secret → 4006; the right one → HELLO', async () => {
    await refused(guarded, identify('dave'), 4006);
    await refused(guarded, identify('dave', { secret: 'nope' }), 4006);
    const dave = await connect(guarded, 'dave', PROTOCOLS);
    dave.send(identify('dave', { secret: 's3cret' }));
    fields(await dave.json(), { type: 'HELLO', version: '0.2.0' }, 'HELLO');
    await dave.close();
  });
}

run(main);
