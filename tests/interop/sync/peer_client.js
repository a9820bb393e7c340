// An Event/Ack sync client (event-ack-sync.md, the "DoorBuilder" subprotocol) on npm ws, against
// a wirekit server of schemas/sync.yaml on ws://127.0.0.1:PORT/ws/user that wants bearer TOKEN,
// announces ack_timeout_ms 800 in its handshake Event, and answers an Event whose payload has
// `echo` with an Event {"echoed": <echo>}. One connection per scenario, in order; each checks
// the server's frames as raw JSON and prints one line: "NAME ok" or "NAME CLOSE code" for the
// close the server made; "FAIL ..." ends the run with exit code 1.
// Usage: node peer_client.js PORT TOKEN
'use strict';
const WebSocket = require('ws');
const { event, ack, expect, checkEvent, checkAck, Frames } = require('./peer_common');

const [port, token] = process.argv.slice(2);
const url = `ws://127.0.0.1:${port}/ws/user`;
const ACK_MS = 800;

function open(headers) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    const frames = new Frames(ws);
    ws.on('open', () => resolve({ ws, frames }));
    ws.on('unexpected-response', (req, res) => reject(new Error(`refused ${res.statusCode}`)));
    ws.on('error', reject);
  });
}

/// Connects with the token and takes the handshake Event; acks it unless told not to.
async function connect(ackIt = true) {
  const peer = await open({ Authorization: `Bearer ${token}` });
  const hello = checkEvent(await peer.frames.json('the handshake event'), 'the handshake event');
  const announced = hello.payload.ack_timeout_ms;
  expect(announced === ACK_MS, `handshake payload ${JSON.stringify(hello.payload)}`);
  if (ackIt) peer.ws.send(ack(hello.id));
  return { ...peer, hello };
}

/// Sends `frame` (text, or a Buffer as a binary frame) and reports the close that follows.
async function violation(name, frame, ackIt = true) {
  const { ws, frames } = await connect(ackIt);
  ws.send(frame, { binary: Buffer.isBuffer(frame) });
  const end = await frames.close(`after ${name}`);
  console.log(`${name} CLOSE ${end.close}`);
}

async function main() {
  // No token: the upgrade is refused.
  try {
    await open({});
    expect(false, 'an upgrade without a token was accepted');
  } catch (e) {
    console.log(`no-token ${e.message}`);
  }

  // Events acked both ways.
  {
    const { ws, frames } = await connect();
    const door = event({ door: 'open' });
    ws.send(door.text);
    checkAck(await frames.json('the ack of door'), door.id, 'the ack of door');
    const echo = event({ echo: 'hi' });
    ws.send(echo.text);
    // The server's Event and its ack of ours, in either order (both are allowed).
    let acked = false;
    let theirs = null;
    while (!acked || !theirs) {
      const msg = await frames.json('the echo and its ack');
      if (msg.type === 'ack') {
        checkAck(msg, echo.id, 'the ack of echo');
        acked = true;
      } else {
        theirs = checkEvent(msg, 'the echoed event');
      }
    }
    const echoed = JSON.stringify(theirs.payload);
    expect(echoed === '{"echoed":"hi"}', `echoed ${echoed}`);
    expect(theirs.reason === null, `reason ${theirs.reason}`);
    ws.send(ack(theirs.id));
    ws.close(1000, 'done');
    const end = await frames.close('of the flow');
    expect(end.close === 1000, `flow closed with ${end.close}`);
    console.log('flow ok');
  }

  // An Event of the server never acked: the server closes once the negotiated deadline passed.
  {
    const { ws, frames } = await connect();
    const echo = event({ echo: 'never acked' });
    ws.send(echo.text);
    for (let i = 0; i < 2; ++i) await frames.json('the echo and its ack');
    const end = await frames.close('after the deadline');
    console.log(`deadline CLOSE ${end.close}`);
  }
  // The handshake Event never acked, with nothing else sent.
  {
    const { frames } = await connect(false);
    const end = await frames.close('after the handshake deadline');
    console.log(`handshake-unacked CLOSE ${end.close}`);
  }
  // Talking before the handshake is acked.
  await violation('early-event', event({ door: 'open' }).text, false);

  await violation('binary', Buffer.from(event({}).text));
  await violation('bad-json', '{"type": "event",');
  const noId = JSON.parse(event({}).text);
  delete noId.id;
  await violation('missing-field', JSON.stringify(noId));
  await violation('wrong-type', event({}, { status: 5 }).text);
  await violation('unknown-ack', ack(event({}).id));
  {
    const { ws, frames, hello } = await connect();
    ws.send(ack(hello.id));
    const end = await frames.close('after a second ack');
    console.log(`duplicate-ack CLOSE ${end.close}`);
  }
  await violation('fatal', event({}, { status: 'fatal', reason: 'boom' }).text);
}

main().then(
  () => process.exit(0),
  (e) => {
    console.log('FAIL ' + e.message);
    process.exit(1);
  }
);
