// An Event/Ack sync server (event-ack-sync.md, the "DoorBuilder" subprotocol) on npm ws, for
// wirekit's generated client stub. It takes one connection on /ws/user; the upgrade's bearer
// token names the scenario. It opens with the handshake schemas/sync.yaml defines (an Event whose
// payload carries `ack_timeout_ms`), checks every frame the client sends as raw JSON, prints one
// line per step, and "CLOSE code reason" when the connection ends; then it exits.
// Scenarios:
//   flow       its Event is acked, it acks the client's Event, the client closes
//   deadline   ack_timeout_ms 500 and the client's Event is never acked: the client must close
//              with 1008
//   token      it closes with 4000 (token no longer valid)
//   binary, bad-json, missing-field, wrong-type, unknown-ack, duplicate-ack
//              it breaks the protocol so: the client must close with 4001 .. 4005
// Usage: node peer_server.js   (prints "listening on ws://127.0.0.1:PORT/ws/user")
'use strict';
const { WebSocketServer } = require('ws');
const { event, ack, expect, checkEvent, checkAck, Frames, CheckFailed } = require('./peer_common');

const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, path: '/ws/user' });
wss.on('listening', () =>
  console.log(`listening on ws://127.0.0.1:${wss.address().port}/ws/user`)
);

wss.on('connection', async (ws, request) => {
  const frames = new Frames(ws);
  const say = (line) => console.log(line);
  try {
    const auth = request.headers.authorization || '';
    expect(/^Bearer \S+$/.test(auth), `Authorization header "${auth}"`);
    const scenario = auth.slice('Bearer '.length);
    say('scenario ' + scenario);

    // The handshake: our first Event announces the ack deadline; the client acks it.
    const ackMs = scenario === 'deadline' ? 500 : 5000;
    const hello = event({ ack_timeout_ms: ackMs });
    ws.send(hello.text);
    checkAck(await frames.json('the handshake ack'), hello.id, 'the handshake ack');
    say('handshake acked');

    if (scenario === 'flow') {
      const door = event({ door: 'open' });
      ws.send(door.text);
      checkAck(await frames.json('the ack'), door.id, 'the ack');
      say('event acked');
      const theirs = checkEvent(await frames.json("the client's event"), "the client's event");
      say(`got event ${JSON.stringify(theirs.payload)} ${theirs.status} ${theirs.reason}`);
      ws.send(ack(theirs.id));
    } else if (scenario === 'deadline' || scenario === 'duplicate-ack') {
      const theirs = checkEvent(await frames.json("the client's event"), "the client's event");
      say(`got event ${JSON.stringify(theirs.payload)}`);
      if (scenario === 'duplicate-ack') {
        ws.send(ack(theirs.id));
        ws.send(ack(theirs.id));
      }
    } else if (scenario === 'token') {
      ws.close(4000, 'token no longer valid');
    } else if (scenario === 'binary') {
      ws.send(Buffer.from(event({}).text), { binary: true });
    } else if (scenario === 'bad-json') {
      ws.send('{"type": "event",');
    } else if (scenario === 'missing-field') {
      const e = JSON.parse(event({}).text);
      delete e.id;
      ws.send(JSON.stringify(e));
    } else if (scenario === 'wrong-type') {
      ws.send(event({}, { status: 5 }).text);
    } else if (scenario === 'unknown-ack') {
      ws.send(ack(event({}).id));
    } else {
      throw new CheckFailed('unknown scenario ' + scenario);
    }
    const end = await frames.close('at the end');
    say(`CLOSE ${end.close} ${end.reason}`);
  } catch (e) {
    say('FAIL ' + e.message);
    ws.terminate();
    process.exitCode = 1;
  }
  wss.close();
});
