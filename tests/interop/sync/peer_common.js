// What the two npm ws peers of the Event/Ack sync protocol share (event-ack-sync.md, the
// "DoorBuilder" subprotocol; NOTES.md and schemas/sync.yaml complete it): building frames and
// checking the ones wirekit sends as raw JSON.
'use strict';
const crypto = require('crypto');

// NOTES.md: ISO 8601 with microseconds and a UTC offset, 2026-11-21T10:00:00.123456+00:00.
const SENT_AT = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}[+-]\d\d:\d\d$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const now = () => new Date().toISOString().replace('Z', '000+00:00');

function event(payload, extra = {}) {
  const e = {
    type: 'event',
    id: crypto.randomUUID(),
    sent_at: now(),
    status: 'ok',
    reason: null,
    payload,
    ...extra,
  };
  return { id: e.id, text: JSON.stringify(e) };
}
const ack = (id) => JSON.stringify({ type: 'ack', id, sent_at: now() });

class CheckFailed extends Error {}
function expect(cond, why) {
  if (!cond) throw new CheckFailed(why);
}
function exactKeys(msg, keys, what) {
  const got = Object.keys(msg).sort().join(',');
  expect(got === [...keys].sort().join(','), `${what} has keys ${got}`);
}
/// A text frame as an object, or a failed check.
function parse(data, binary, what) {
  expect(!binary, `${what} is a binary frame`);
  try {
    return JSON.parse(data.toString());
  } catch (e) {
    throw new CheckFailed(`${what} is not JSON: ${data}`);
  }
}
/// An Event exactly as the schema writes it; returns it.
function checkEvent(msg, what) {
  exactKeys(msg, ['type', 'id', 'sent_at', 'status', 'reason', 'payload'], what);
  expect(msg.type === 'event', `${what} type ${msg.type}`);
  expect(UUID.test(msg.id), `${what} id ${msg.id}`);
  expect(SENT_AT.test(msg.sent_at), `${what} sent_at ${msg.sent_at}`);
  expect(['ok', 'error'].includes(msg.status), `${what} status ${msg.status}`);
  expect(msg.payload !== null && typeof msg.payload === 'object', `${what} payload not an object`);
  return msg;
}
/// An Ack of event `id`.
function checkAck(msg, id, what) {
  exactKeys(msg, ['type', 'id', 'sent_at'], what);
  expect(msg.type === 'ack', `${what} type ${msg.type}`);
  expect(msg.id === id, `${what} acks ${msg.id}, not ${id}`);
  expect(SENT_AT.test(msg.sent_at), `${what} sent_at ${msg.sent_at}`);
}

/// The frames of one socket, awaited one at a time.
class Frames {
  constructor(ws) {
    this.queue = [];
    this.waiting = null;
    ws.on('message', (data, binary) => this.put({ data, binary }));
    ws.on('close', (code, reason) => this.put({ close: code, reason: reason.toString() }));
  }
  put(frame) {
    if (this.waiting) {
      const w = this.waiting;
      this.waiting = null;
      w(frame);
    } else {
      this.queue.push(frame);
    }
  }
  next() {
    if (this.queue.length) return Promise.resolve(this.queue.shift());
    return new Promise((resolve) => (this.waiting = resolve));
  }
  /// The next frame as JSON; a close instead is a failed check.
  async json(what) {
    const f = await this.next();
    expect(f.close === undefined, `closed (${f.close} ${f.reason}) before ${what}`);
    return parse(f.data, f.binary, what);
  }
  /// The close, after no other frame.
  async close(what) {
    const f = await this.next();
    expect(f.close !== undefined, `a frame instead of the close ${what}: ${f.data}`);
    return f;
  }
}

module.exports = { event, ack, now, SENT_AT, expect, checkEvent, checkAck, parse, Frames, CheckFailed };
