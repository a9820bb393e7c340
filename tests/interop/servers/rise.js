// rise-server against rise.md (Rise tools) in both wire forms: the npm packages' 0.14 form
// (NOTES.md: flat evt / evt-res, the server's default) and the document's form (--wire document:
// evt wraps `event`, evt-res wraps `res`). Driven by npm ws.
// Usage: node rise.js <path to rise-server>
'use strict';
const { startServer, stopsCleanly, connect, fields, keys, step, run, assert } = require('./peer');

// The two forms of one evt and of its reply's content.
const FORMS = {
  0.14: {
    args: [],
    evt: (key, component, args) =>
      JSON.stringify({
        $: 'evt',
        key,
        target: { key: 'k1', component: 'Button', propKey: 'onPress', path: ['events', component] },
        modelState: { $: 'event' },
        payload: args,
      }),
    // NOTES.md: {"$":"evt-res","key","payload"?,"error"?:true,"actions"?}
    res: (msg) => msg,
  },
  document: {
    args: ['--wire', 'document'],
    evt: (key, component, args) =>
      JSON.stringify({
        $: 'evt',
        key,
        event: {
          modelState: { $: 'event' },
          payload: args.length ? args[0] : null,
          target: { key: 'k1', component: 'Button', propKey: 'onPress', path: ['events', component] },
        },
      }),
    // rise.md: res: { $: 'response', error?, payload?, actions? }
    res: (msg) => {
      keys(msg, ['$', 'key', 'res'], 'evt-res');
      fields(msg.res, { $: 'response' }, 'evt-res.res');
      return msg.res;
    },
  },
};

// The next two messages of `peer` (an evt's reply and the `up` it caused, in either order).
async function replyAndUp(peer) {
  const got = [await peer.json(), await peer.json()];
  const res = got.find((m) => m.$ === 'evt-res');
  const up = got.find((m) => m.$ === 'up');
  assert.ok(res && up, `expected an evt-res and an up, got ${JSON.stringify(got)}`);
  return { res, up };
}

async function flow(binary, form) {
  const f = FORMS[form];
  const { url } = await startServer(binary, f.args);
  const tag = `[${form}]`;
  let a;
  let b;

  await step(`${tag} sub → up for each known key now; an unknown key gets nothing`, async () => {
    a = await connect(url, 'a');
    a.send('{"$": "sub", "keys": ["counter", "list", "no-such-model"]}');
    const ups = [await a.json(), await a.json()];
    for (const up of ups) keys(up, ['$', 'key', 'val'], 'up');
    assert.deepStrictEqual(
      ups.sort((x, y) => x.key.localeCompare(y.key)),
      [
        { $: 'up', key: 'counter', val: 0 },
        { $: 'up', key: 'list', val: [] },
      ],
    );
    await a.nothing();
    b = await connect(url, 'b');
    b.send('{"$": "sub", "keys": ["counter"]}');
    assert.deepStrictEqual(await b.json(), { $: 'up', key: 'counter', val: 0 });
  });

  await step(
    `${tag} evt → evt-res with the handler's result; subscribers get up on change`,
    async () => {
      a.send(f.evt('evt-1', 'increment', []));
      const { res, up } = await replyAndUp(a);
      fields(res, { $: 'evt-res', key: 'evt-1' }, 'evt-res');
      const body = f.res(res);
      fields(body, { payload: 1 }, 'evt-res');
      assert.ok(!body.error, `no error expected: ${JSON.stringify(res)}`);
      assert.deepStrictEqual(up, { $: 'up', key: 'counter', val: 1 });
      assert.deepStrictEqual(await b.json(), { $: 'up', key: 'counter', val: 1 });
    },
  );

  await step(`${tag} evt with an argument: append updates the list model`, async () => {
    a.send(f.evt('evt-2', 'append', ['milk']));
    const { res, up } = await replyAndUp(a);
    fields(f.res(res), { payload: ['milk'] }, 'evt-res');
    assert.deepStrictEqual(up, { $: 'up', key: 'list', val: ['milk'] });
    await b.nothing(); // b subscribed to counter only
  });

  // As the npm server: the handler throws, and the Error reaches the client as JSON.stringify
  // writes it, {}.
  await step(`${tag} a failing handler → evt-res with error: true, payload {}`, async () => {
    a.send(f.evt('evt-3', 'fail', []));
    const res = await a.json();
    fields(res, { $: 'evt-res', key: 'evt-3' }, 'evt-res');
    fields(f.res(res), { error: true, payload: {} }, 'evt-res');
  });

  await step(`${tag} unsub → no reply, and no more up for those keys`, async () => {
    b.send('{"$": "unsub", "keys": ["counter"]}');
    await b.nothing();
    a.send(f.evt('evt-4', 'increment', []));
    const { up } = await replyAndUp(a);
    assert.deepStrictEqual(up, { $: 'up', key: 'counter', val: 2 });
    await b.nothing();
  });

  // NOTES.md: "The real server crashes on invalid JSON; ours must not." rise.md has no error
  // message, so the connection ends with WebSocket's 1007 (invalid frame payload data).
  await step(`${tag} invalid JSON or an unknown $ closes 1007; the server goes on`, async () => {
    const bad = await connect(url, 'bad');
    bad.send('{"$": "sub", "keys": [');
    await bad.expectClose(1007);
    const unknown = await connect(url, 'unknown');
    unknown.send('{"$": "nope"}');
    await unknown.expectClose(1007);
    const c = await connect(url, 'c');
    c.send('{"$": "sub", "keys": ["counter"]}');
    assert.deepStrictEqual(await c.json(), { $: 'up', key: 'counter', val: 2 });
  });
}

run(async (binary) => {
  await flow(binary, '0.14');
  await stopsCleanly('[0.14] ');
  await flow(binary, 'document');
});
