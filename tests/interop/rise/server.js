// The real Rise 0.14 server (npm @rise-tools/server) with a few models, as the independent peer
// of wirekit's rise_0_14 schema (rise.md, Rise tools; NOTES.md: the implementation's flat form).
//
// Models:
//   counter        a state model, 0 at start
//   list           a state model, [] at start
//   greeting/NAME  a lookup model: "hello NAME"
//   loaded         a query model whose value ("loaded") is loaded when first subscribed to: its
//                  first `up` has no `val` (undefined until then), the next one has it
//   events         a function model holding the event handlers, found by the evt's
//                  target.path ["events", NAME]:
//     increment  adds one to counter (its subscribers get an `up`), answers the new value
//     append     appends its first argument to list, answers the new list
//     reset      sets counter to 0 and answers 0
//     navigate   answers "went" with one action, navigate to home
//     fail       throws an Error: the server answers with `error: true`
//
// Prints "listening on ws://127.0.0.1:PORT/" once it listens; ends when its stdin ends or on
// SIGTERM. RISE_TRACE=1 logs every frame on stderr (off by default: a test that never reads
// stderr would block the process once the pipe fills).
'use strict';
const { WebSocketServer } = require('ws');
const { state, lookup, query } = require('@rise-tools/server');
// createWSServer(models, port) reports the port it was given, not the one it bound, so it cannot
// listen on a free port (0) and tell which. Its whole per-connection protocol is these two
// exported functions of the same package, which we attach to our own ws server instead.
const { createWSServerContext, connectWebSocket } = require('@rise-tools/server/lib/ws-connection');
const { event, response, action } = require('@rise-tools/react');

const trace = process.env.RISE_TRACE === '1';

const [counter, setCounter] = state(0);
const [list, setList] = state([]);

const models = {
  counter,
  list,
  greeting: lookup((name) => () => `hello ${name}`),
  loaded: query(async () => 'loaded'),
  events: () => ({
    increment: event(() => {
      setCounter((c) => c + 1);
      return counter.get();
    }),
    append: event((item) => {
      setList((l) => [...l, item]);
      return list.get();
    }),
    reset: event(() => {
      setCounter(0);
      return 0;
    }),
    navigate: event(() => response('went', { actions: [action('navigate', { to: 'home' })] })),
    fail: event(() => {
      throw new Error('fail always throws');
    }),
  }),
};

const context = createWSServerContext(models);
const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
wss.on('connection', (ws) => {
  if (trace) {
    ws.on('message', (data) => console.error('recv ' + data));
    const send = ws.send.bind(ws);
    ws.send = (data, ...rest) => {
      console.error('send ' + data);
      return send(data, ...rest);
    };
  }
  connectWebSocket(context, ws);
});
wss.on('listening', () => {
  console.log(`listening on ws://127.0.0.1:${wss.address().port}/`);
});

const stop = () => {
  wss.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.stdin.on('end', stop);
process.stdin.resume();
