// Test doubles for the session: a WebSocket the test drives, timers it advances, a storage.

export class FakeSocket {
  static all = [];

  constructor(url, protocols = []) {
    this.url = url;
    this.protocols = protocols;
    this.protocol = '';
    this.readyState = 0;
    this.sent = [];
    FakeSocket.all.push(this);
  }

  static last() {
    return FakeSocket.all[FakeSocket.all.length - 1];
  }

  /** Opens, with the subprotocol the controller chose ('' none). */
  open(protocol = '') {
    this.protocol = protocol;
    this.readyState = 1;
    this.onopen?.({});
  }

  /** The controller sends a message. */
  receive(obj) {
    this.onmessage?.({ data: typeof obj === 'string' ? obj : JSON.stringify(obj) });
  }

  /** The controller sends one frame of lines (subprotocol poxlog-jsonl): each message and its newline. */
  receiveLines(...objs) {
    this.onmessage?.({ data: objs.map((o) => `${typeof o === 'string' ? o : JSON.stringify(o)}\n`).join('') });
  }

  send(text) {
    this.sent.push(JSON.parse(text));
  }

  close(code = 1000) {
    this.readyState = 3;
    this.closedWith = code;
  }

  /** The connection ends from the controller's side. */
  drop(code = 1006, reason = '') {
    this.readyState = 3;
    this.onclose?.({ code, reason });
  }

  sentWhere(pred) {
    return this.sent.filter(pred);
  }
}

export class FakeTimers {
  constructor() {
    this.now = 1_764_000_000_000;
    this.queue = [];
    this.seq = 0;
  }

  setTimeout = (fn, ms) => {
    const id = ++this.seq;
    this.queue.push({ id, at: this.now + ms, fn });
    return id;
  };

  clearTimeout = (id) => {
    this.queue = this.queue.filter((t) => t.id !== id);
  };

  advance(ms) {
    const until = this.now + ms;
    for (;;) {
      this.queue.sort((a, b) => a.at - b.at);
      const t = this.queue[0];
      if (!t || t.at > until) break;
      this.queue.shift();
      this.now = t.at;
      t.fn();
    }
    this.now = until;
  }
}

export class FakeStorage {
  constructor() { this.map = new Map(); }
  getItem(k) { return this.map.has(k) ? this.map.get(k) : null; }
  setItem(k, v) { this.map.set(k, String(v)); }
  removeItem(k) { this.map.delete(k); }
}

/** Lets promise callbacks run. */
export const settle = () => new Promise((r) => setImmediate(r));

export const WELCOME = {
  CHANNEL: '', cmd: 'welcome', session_id: 'S1', server: 'poxlog', version: '0.1.0',
  features: ['seq', 'backlog', 'since', 'get_levels', 'gap_notices', 'log_id', 'grep', 'level_for', 'auth'],
  auth_required: false, log_id: 'RUN-A',
};

export function record(channel, seq, extra = {}) {
  return {
    CHANNEL: channel, message: `message ${seq}`, seq, levelname: 'INFO', levelno: 20, name: 'openflow.of_01',
    created: 1_764_000_000 + seq / 1000, ...extra,
  };
}
