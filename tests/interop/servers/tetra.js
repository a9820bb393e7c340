// tetra-server against tetra.md (Tetra on Django Channels) in both wire forms: the document's
// (default) and current upstream's (--wire upstream, NOTES.md). Driven by npm ws.
// Usage: node tetra.js <path to tetra-server>
'use strict';
const { startServer, stopsCleanly, connect, fields, keys, step, run, assert } = require('./peer');

// tetra.md's examples, verbatim.
const SUBSCRIBE = '{\n  "type": "subscribe",\n  "group": "my-update-group"\n}';
const UNSUBSCRIBE = '{\n  "type": "unsubscribe",\n  "group": "my-update-group"\n}';
// tetra.md 2.1 carries `call` over HTTP; the example server also takes it on the WebSocket (see
// schemas/tetra.yaml), which is the only way to make it push. component_id names the group.
const call = (id, method, args) =>
  JSON.stringify({
    protocol: 'tetra-1.0',
    id,
    type: 'call',
    payload: {
      component_id: 'my-update-group',
      method,
      args,
      state: {},
      encrypted_state: '...',
      children_state: {},
    },
  });

// A server message in the unified envelope: protocol constant, type, payload.
function unified(msg, type, payload) {
  fields(msg, { protocol: 'tetra-1.0', type }, type);
  if (payload) fields(msg.payload, payload, `${type}.payload`);
  return msg;
}

async function documentForm(binary) {
  const { url } = await startServer(binary);
  let a;
  let b;

  await step('[document] subscribe → subscription.response status subscribed', async () => {
    a = await connect(url, 'a');
    a.send(SUBSCRIBE);
    const r = unified(await a.json(), 'subscription.response', {
      group: 'my-update-group',
      status: 'subscribed',
    });
    // NOTES.md: `message` only on error (the document's example shows it empty).
    assert.ok(!r.payload.message, `no message expected: ${JSON.stringify(r)}`);
    b = await connect(url, 'b');
    b.send(SUBSCRIBE);
    unified(await b.json(), 'subscription.response', { status: 'subscribed' });
  });

  await step('[document] a call pushes component.update_data and notify to the group', async () => {
    const data = { title: 'New Title' };
    a.send(call('req-123', 'update', [data]));
    const got = [await a.json(), await a.json(), await a.json()];
    const response = got.find((m) => m.type === 'call.response');
    assert.ok(response, `no call.response in ${JSON.stringify(got)}`);
    unified(response, 'call.response', { result: data });
    fields(response, { id: 'req-123' }, 'call.response');
    const pushes = got.filter((m) => m !== response);
    for (const p of [pushes, [await b.json(), await b.json()]]) {
      const update = p.find((m) => m.type === 'component.update_data');
      const notify = p.find((m) => m.type === 'notify');
      assert.ok(update && notify, `expected update_data and notify, got ${JSON.stringify(p)}`);
      unified(update, 'component.update_data');
      keys(update.payload, ['group', 'data'], 'component.update_data.payload');
      fields(update.payload, { group: 'my-update-group', data }, 'component.update_data.payload');
      unified(notify, 'notify', { group: 'my-update-group', event_name: 'updated', data });
    }
    await b.nothing();
  });

  await step('[document] a failing call → the section 6 error response (no type)', async () => {
    a.send(call('req-124', 'no_such_method', []));
    const e = await a.json();
    assert.ok(
      !('type' in e) && !('payload' in e),
      `the error has no type or payload: ${JSON.stringify(e)}`,
    );
    fields(e, { protocol: 'tetra-1.0', id: 'req-124', success: false }, 'error response');
    keys(e.error, ['code', 'message'], 'error');
    fields(e.error, { code: 'unknown_method' }, 'error');
  });

  await step(
    '[document] unsubscribe → subscription.response unsubscribed; no more pushes',
    async () => {
      b.send(UNSUBSCRIBE);
      unified(await b.json(), 'subscription.response', {
        group: 'my-update-group',
        status: 'unsubscribed',
      });
      a.send(call('req-125', 'update', [{ n: 2 }]));
      for (let i = 0; i < 3; i += 1) await a.json();
      await b.nothing();
    },
  );

  await stopsCleanly('[document] ');
}

async function upstreamForm(binary) {
  const { url } = await startServer(binary, ['--wire', 'upstream', '--tick', '0']);
  let a;

  await step('[upstream] ping → {"protocol":"tetra-1.0","type":"pong"}', async () => {
    a = await connect(url, 'a');
    a.send('{"type": "ping"}');
    const pong = await a.json();
    keys(pong, ['protocol', 'type'], 'pong');
    fields(pong, { protocol: 'tetra-1.0', type: 'pong' });
  });

  await step(
    '[upstream] subscribe → subscription.response subscribed, metadata {}; again → resubscribed',
    async () => {
      a.send(SUBSCRIBE);
      const r = unified(await a.json(), 'subscription.response', {
        group: 'my-update-group',
        status: 'subscribed',
      });
      keys(r, ['protocol', 'type', 'payload', 'metadata'], 'subscription.response');
      keys(r.payload, ['group', 'status'], 'subscription.response.payload');
      fields(r, { metadata: {} });
      a.send(SUBSCRIBE);
      unified(await a.json(), 'subscription.response', { status: 'resubscribed' });
      const b = await connect(url, 'b');
      b.send(SUBSCRIBE);
      unified(await b.json(), 'subscription.response', { status: 'subscribed' });
      await a.nothing();
    },
  );

  await step('[upstream] subscribe to an automatic group → status error, stays open', async () => {
    a.send('{"type": "subscribe", "group": "broadcast"}');
    unified(await a.json(), 'subscription.response', {
      group: 'broadcast',
      status: 'error',
      message: "Manual subscription to 'broadcast' group is not allowed.",
    });
    a.send('{"type": "ping"}');
    fields(await a.json(), { type: 'pong' });
  });

  await step('[upstream] navigation gets no reply', async () => {
    a.send('{"type": "navigation", "payload": {"path": "/next/"}}');
    await a.nothing();
  });

  await step(
    '[upstream] unsubscribe → subscription.response unsubscribed; no more pushes',
    async () => {
      a.send(UNSUBSCRIBE);
      unified(await a.json(), 'subscription.response', {
        group: 'my-update-group',
        status: 'unsubscribed',
      });
      const c = await connect(url, 'c');
      c.send(SUBSCRIBE);
      unified(await c.json(), 'subscription.response', { status: 'subscribed' });
      await a.nothing();
      a.send('{"type": "ping"}');
      fields(await a.json(), { type: 'pong' });
    },
  );
}

run(async (binary) => {
  await documentForm(binary);
  await upstreamForm(binary);
});
