// An independent WebSocket peer built on npm `ws`, speaking a Flet-like echo protocol.
//   node ws_peer.js client <port> <path> <subprotocol|-> : sends a request, prints the reply, closes 4000
//   node ws_peer.js server <path> <subprotocol|->        : prints "PORT <n>", answers requests, exits on close
// Every line printed is "<WORD> <data>" so the C++ test can read it.
'use strict';
const WebSocket = require('ws');

const [mode, ...args] = process.argv.slice(2);
const say = (word, data) => process.stdout.write(`${word} ${data}\n`);

if (mode === 'client') {
  const [port, path, sub] = args;
  const ws = new WebSocket(`ws://127.0.0.1:${port}${path}`, sub === '-' ? [] : [sub]);
  ws.on('open', () => {
    say('PROTOCOL', ws.protocol || '-');
    ws.send(JSON.stringify({ id: 'node-1', action: 'registerHostClient', payload: { pageName: 'p' } }));
  });
  ws.on('message', (data, isBinary) => {
    say('REPLY', isBinary ? '<binary>' : data.toString());
    ws.close(4000, 'node done');
  });
  ws.on('close', (code, reason) => { say('CLOSE', `${code} ${reason.toString()}`); process.exit(0); });
  ws.on('error', (err) => { say('ERROR', err.message); process.exit(1); });
} else if (mode === 'server') {
  const [path, sub] = args;
  const wss = new WebSocket.Server({
    host: '127.0.0.1', port: 0, path,
    handleProtocols: (protocols) => (sub !== '-' && protocols.has(sub) ? sub : false),
  });
  wss.on('listening', () => say('PORT', wss.address().port));
  wss.on('connection', (ws) => {
    ws.on('message', (data) => {
      const msg = JSON.parse(data.toString());
      ws.send(JSON.stringify({ id: msg.id, action: '', payload: { echoed: msg.payload } }));
    });
    ws.on('close', (code, reason) => {
      say('CLOSE', `${code} ${reason.toString()}`);
      wss.close(() => process.exit(0));
    });
  });
  setTimeout(() => { say('ERROR', 'timeout'); process.exit(1); }, 10000).unref();
} else {
  say('ERROR', `unknown mode ${mode}`);
  process.exit(2);
}
