// flet-server against flet.md (Flet's former Go server) and NOTES.md, driven by npm ws: a host
// client serves a page, web clients open sessions on it, the host edits each session's page.
// Usage: node flet.js <path to flet-server>
'use strict';
const crypto = require('crypto');
const { startServer, connect, fields, keys, step, run, assert } = require('./peer');

// NOTES.md: the reference client makes request ids as UUID4 hex.
const newId = () => crypto.randomUUID().replace(/-/g, '');
const envelope = (id, action, payload) => JSON.stringify({ id, action, payload });

// A reply to a host request: action "" and the request's id (NOTES.md).
async function replyTo(peer, id) {
  const msg = await peer.json();
  keys(msg, ['id', 'action', 'payload'], 'reply');
  fields(msg, { id, action: '' }, 'reply');
  return msg.payload;
}

async function main(binary) {
  const { url } = await startServer(binary);
  let host;
  let web;
  let session;
  const command = (c) =>
    envelope(newId(), 'pageCommandFromHost', {
      pageName: 'counter',
      sessionID: session,
      command: c,
    });

  await step('registerHostClient → hostClientID, sessionID "0", pageName, error ""', async () => {
    host = await connect(url, 'host');
    const id = newId();
    host.send(
      envelope(id, 'registerHostClient', {
        hostClientID: '',
        pageName: 'counter',
        isApp: true,
        update: true,
        authToken: '',
        permissions: '',
      }),
    );
    const r = await replyTo(host, id);
    keys(r, ['hostClientID', 'sessionID', 'pageName', 'error'], 'registerHostClient reply');
    fields(r, { sessionID: '0', pageName: 'counter', error: '' }, 'registerHostClient reply');
    assert.ok(r.hostClientID, `hostClientID generated: ${JSON.stringify(r)}`);
  });

  await step(
    'registerWebClient → session; the host gets sessionCreated and pageEventToHost connect',
    async () => {
      web = await connect(url, 'web');
      web.send(
        '{"id": "", "action": "registerWebClient", "payload": {"pageName": "counter", "pageHash": "", "sessionID": ""}}',
      );
      const r = await web.json();
      // NOTES.md: answered with action "registerWebClient", payload {session: {id, controls}, error}.
      fields(r, { id: '', action: 'registerWebClient' }, 'registerWebClient reply');
      fields(r.payload, { error: '' }, 'registerWebClient reply');
      session = r.payload.session.id;
      assert.ok(session && session !== '0', `an app session id: ${JSON.stringify(r)}`);
      const created = await host.json();
      assert.deepStrictEqual(created, {
        id: '',
        action: 'sessionCreated',
        payload: { pageName: 'counter', sessionID: session },
      });
      const event = await host.json();
      fields(event, { id: '', action: 'pageEventToHost' }, 'pageEventToHost');
      keys(
        event.payload,
        ['pageName', 'sessionID', 'eventTarget', 'eventName', 'eventData'],
        'pageEventToHost',
      );
      fields(event.payload, {
        pageName: 'counter',
        sessionID: session,
        eventTarget: 'page',
        eventName: 'connect',
      });
    },
  );

  await step('registerWebClient for a page no host serves → error, no session', async () => {
    const lost = await connect(url, 'lost');
    lost.send(
      '{"id": "", "action": "registerWebClient", "payload": {"pageName": "nowhere", "pageHash": "", "sessionID": ""}}',
    );
    const r = fields(await lost.json(), { action: 'registerWebClient' });
    assert.ok(r.payload.error, `an error expected: ${JSON.stringify(r)}`);
    assert.ok(!r.payload.session, `no session expected: ${JSON.stringify(r)}`);
    await host.nothing();
    await lost.close();
  });

  await step("pageCommandFromHost add (the document's full command) → new control id", async () => {
    const text = command({
      indent: 0,
      name: 'add',
      values: ['text'],
      attrs: { value: '0' },
      lines: [],
      commands: [],
    });
    host.send(text);
    const r = await replyTo(host, JSON.parse(text).id);
    keys(r, ['result', 'error'], 'pageCommandFromHost reply');
    assert.deepStrictEqual(r, { result: '_1', error: '' });
  });

  await step('add with sub-commands → their ids joined by spaces', async () => {
    const text = command({
      name: 'add',
      values: ['row'],
      commands: [
        { indent: 2, name: 'text' },
        { indent: 2, name: 'button' },
      ],
    });
    host.send(text);
    assert.deepStrictEqual(await replyTo(host, JSON.parse(text).id), {
      result: '_2 _3',
      error: '',
    });
  });

  await step('set stores properties, get returns one', async () => {
    let text = command({ name: 'set', values: ['_1'], attrs: { value: '42' } });
    host.send(text);
    assert.deepStrictEqual(await replyTo(host, JSON.parse(text).id), { result: '', error: '' });
    text = command({ name: 'get', values: ['_1', 'value'] });
    host.send(text);
    assert.deepStrictEqual(await replyTo(host, JSON.parse(text).id), { result: '42', error: '' });
  });

  await step('an unknown command or control → error set', async () => {
    let text = command({ name: 'bogus' });
    host.send(text);
    assert.ok((await replyTo(host, JSON.parse(text).id)).error, 'error expected');
    text = command({ name: 'get', values: ['_99', 'value'] });
    host.send(text);
    assert.ok((await replyTo(host, JSON.parse(text).id)).error, 'error expected');
  });

  // NOTES.md: begin, close, error and the …f variants get no reply at all.
  await step('begin / close / error / addf / setf get no reply', async () => {
    for (const name of ['begin', 'close', 'error', 'addf', 'setf'])
      host.send(command({ name, values: ['_1'], attrs: { value: '7' } }));
    await host.nothing(500);
  });

  await step('pageCommandsBatchFromHost → results in order, error ""', async () => {
    const id = newId();
    host.send(
      envelope(id, 'pageCommandsBatchFromHost', {
        pageName: 'counter',
        sessionID: session,
        commands: [
          {
            indent: 0,
            name: 'add',
            values: ['text'],
            attrs: { value: 'a' },
            lines: [],
            commands: [],
          },
          { indent: 0, name: 'set', values: ['_1'], attrs: { value: '9' } },
          { indent: 0, name: 'get', values: ['_1', 'value'] },
        ],
      }),
    );
    const r = await replyTo(host, id);
    keys(r, ['results', 'error'], 'batch reply');
    assert.deepStrictEqual(r, { results: ['_4', '', '9'], error: '' });
  });

  await step('sessions have their own pages', async () => {
    const other = await connect(url, 'web 2');
    other.send(
      '{"id": "", "action": "registerWebClient", "payload": {"pageName": "counter", "pageHash": "", "sessionID": ""}}',
    );
    const second = (await other.json()).payload.session.id;
    assert.notStrictEqual(second, session);
    fields(await host.json(), {
      action: 'sessionCreated',
      payload: { pageName: 'counter', sessionID: second },
    });
    fields(await host.json(), { action: 'pageEventToHost' });
    const text = envelope(newId(), 'pageCommandFromHost', {
      pageName: 'counter',
      sessionID: second,
      command: { name: 'add', values: ['text'] },
    });
    host.send(text);
    assert.deepStrictEqual(await replyTo(host, JSON.parse(text).id), { result: '_1', error: '' });
  });

  await step('inactiveAppFromHost is one-way: no reply, the connection stays', async () => {
    host.send('{"id": "", "action": "inactiveAppFromHost", "payload": {"pageName": "counter"}}');
    await host.nothing();
    const text = command({ name: 'get', values: ['_1', 'value'] });
    host.send(text);
    assert.deepStrictEqual(await replyTo(host, JSON.parse(text).id), { result: '9', error: '' });
  });
}

run(main);
