// One log subscription over the messenger's WebSocket (PROTOCOL.md §2, §5, §12), as pox-log's
// LogSubscription: reads the welcome, authenticates when asked (the token from sessionStorage, or
// asked of the person), joins a log_ channel of its own with json: true and the filter's settings,
// proves the subscription live with a test round trip, and reconnects with backoff (0.5 s doubling
// to 30 s, back to 0.5 s after a connection that subscribed), resuming with since and log_id, so
// that nothing the controller retains is lost and a restart is recognised. A refused token is
// final until the person gives another. DOM-free: the WebSocket, the timers, the clock and the
// storage are given, so that node can test it. It offers subprotocol poxlog-jsonl (PROTOCOL.md
// §12): chosen, each frame of the controller holds one or more messages, each followed by a
// newline; a browser pays a cost for each WebSocket message (about 120 µs of Chromium's CPU here)
// that one record per frame made the ceiling of the page's intake.

import {
  parseWelcome, newChannel, joinMessage, leaveMessage, authMessage, testMessage, getLevelsMessage,
  setLevelMessage, settingsMessage, compactRecord, fastRecord, markerRecord, gapProblem,
} from './protocol.js';
import { serverSettings, sameServerPart, widens, NO_FILTER } from './filters.js';

export const TOKEN_KEY = 'poxlog.token';
export const FIRST_RETRY_MS = 500;
export const MAX_RETRY_MS = 30_000;
export const DEFAULT_BACKLOG = 5000;
/** How long a request (get_levels, a level change) waits for its answer. */
export const REQUEST_TIMEOUT_MS = 20_000;
/** The subprotocol whose frames are lines, several messages each (PROTOCOL.md §12). */
export const LINES = 'poxlog-jsonl';

const CLOSE_CODES = {
  1000: 'closed', 1001: 'the controller is going away', 1002: 'protocol error', 1003: 'refused the data',
  1006: 'the connection failed', 1007: 'bad text', 1008: 'refused by policy', 1009: 'a message too large',
  1011: 'the controller failed', 1012: 'the controller is restarting',
};

/** A close event as a reason in words. */
export function closeReason(code, reason, wasOpen) {
  if (code === 1006 && !wasOpen) return 'cannot connect';
  const what = CLOSE_CODES[code] ?? `closed with ${code}`;
  return reason ? `${what} (${code}: ${reason})` : `${what} (${code})`;
}

export class LogSession {
  /**
   * @param o.url the WebSocket's URL
   * @param o.WebSocket the constructor (the browser's, or a fake)
   * @param o.timers {setTimeout, clearTimeout}
   * @param o.now milliseconds since the epoch
   * @param o.storage sessionStorage, or anything with getItem/setItem/removeItem
   * @param o.listener {onStatus(status), onRecords(), onError(text), onReset()}: onRecords says
   *   records wait in take(); onReset that the records held should go (a wider filter reloads them)
   */
  constructor({ url, WebSocket, timers = globalThis, now = () => Date.now(), storage, listener, backlog = DEFAULT_BACKLOG,
    filter = NO_FILTER, random }) {
    Object.assign(this, { url, WebSocketImpl: WebSocket, timers, now, storage, listener, backlog, random });
    this.filter = filter;
    this.inbox = [];
    this.status = { state: 'connecting', detail: '', retryAt: 0, role: null };
    this.ws = null;
    this.welcome = null;
    this.channel = null;
    this.xid = 0;
    this.pending = new Map(); // XID -> {resolve, reject, timer}
    this.retryMs = FIRST_RETRY_MS;
    this.retryTimer = null;
    this.closed = false;
    // what resumes: the last seq received, of which run of the log
    this.lastSeq = -1;
    this.runId = null;
    this.everJoined = false;
    this.serverPatterns = true;
    this.lastRecordAt = now();
    this.at = this.lastRecordAt; // the time of the frame being read
    this.resume = { kind: 'first', from: -1, at: 0, recovered: 0, lost: 0 };
    this.dropped = 0;
    this.received = 0;
    this.wasLive = false;
    this.events = []; // the last connection events, for the console: [time, what]
  }

  note(what) {
    this.events.push([new Date(this.now()).toISOString(), what]);
    if (this.events.length > 100) this.events.shift();
  }

  start() {
    this.connect();
    return this;
  }

  /** Records received since the last take, oldest first. */
  take() {
    const r = this.inbox;
    this.inbox = [];
    return r;
  }

  // ---- the connection ----

  connect() {
    this.retryTimer = null;
    if (this.closed) return;
    this.setStatus('connecting', '');
    let ws;
    try {
      ws = new this.WebSocketImpl(this.url, [LINES]);
    } catch (e) {
      this.reconnect(`cannot connect: ${e.message}`);
      return;
    }
    this.ws = ws;
    this.welcome = null;
    this.channel = null;
    let open = false;
    this.note(`connecting to ${this.url}`);
    ws.onopen = () => { open = true; this.note('open'); };
    ws.onmessage = (ev) => {
      if (this.ws !== ws) return;
      this.at = this.now(); // once a frame, for every record in it
      if (ws.protocol === LINES) this.onLines(ev.data, ws);
      else this.onFrame(ev.data);
    };
    ws.onclose = (ev) => {
      this.note(`closed: ${ev.code} ${ev.reason}${this.ws === ws ? '' : ' (an old connection)'}`);
      if (this.ws === ws) this.onClosed(closeReason(ev.code, ev.reason, open));
    };
    ws.onerror = () => {};
  }

  send(msg) {
    if (this.ws && this.ws.readyState === 1) {
      if (msg.cmd !== undefined || msg.setLevels !== undefined) this.note(`sent ${msg.cmd ?? 'setLevels'}${msg.since !== undefined ? ` since ${msg.since}` : ''}`);
      this.ws.send(JSON.stringify(msg));
      return true;
    }
    return false;
  }

  /** Sends msg with an XID of ours; the promise has the reply that carries it, or fails with the error reply's text. */
  request(msg) {
    const xid = `pv${++this.xid}`;
    msg.XID = xid;
    return new Promise((resolve, reject) => {
      if (!this.send(msg)) {
        reject(new Error('not connected'));
        return;
      }
      const timer = this.timers.setTimeout(() => {
        this.pending.delete(xid);
        reject(new Error(`no answer within ${REQUEST_TIMEOUT_MS / 1000} s`));
      }, REQUEST_TIMEOUT_MS);
      this.pending.set(xid, { resolve, reject, timer, msg });
    });
  }

  settle(xid, m) {
    const p = this.pending.get(xid);
    if (!p) return false;
    this.pending.delete(xid);
    this.timers.clearTimeout(p.timer);
    if (m.cmd === 'error') p.reject(Object.assign(new Error(String(m.error ?? 'refused')), { server: true }));
    else p.resolve(m);
    return true;
  }

  failPending(why) {
    for (const [xid, p] of this.pending) {
      this.timers.clearTimeout(p.timer);
      p.reject(new Error(why));
      this.pending.delete(xid);
    }
  }

  /** A frame of lines: each message in turn, until one ends this connection (a refused token). */
  onLines(data, ws) {
    let start = 0;
    const n = data.length;
    while (start < n && this.ws === ws) {
      let end = data.indexOf('\n', start);
      if (end < 0) end = n; // the controller ends each line; a last one without its newline is whole still
      if (end > start) this.onFrame(data.slice(start, end));
      start = end + 1;
    }
  }

  onFrame(data) {
    if (this.channel !== null) {
      // The common case, a record on our channel, read without parsing it whole.
      if (this.prefix === undefined || this.prefixOf !== this.channel) {
        this.prefixOf = this.channel;
        this.prefix = `{"CHANNEL":${JSON.stringify(this.channel)},"message":"`;
      }
      const rec = fastRecord(data, this.prefix);
      if (rec !== null) {
        this.took(rec);
        return;
      }
    }
    let m;
    try {
      m = JSON.parse(data);
    } catch (e) {
      this.listener.onError?.(`the controller sent something that is not JSON: ${String(data).slice(0, 80)}`);
      return;
    }
    if (m === null || typeof m !== 'object' || Array.isArray(m)) return;
    const channel = m.CHANNEL ?? '';
    if (this.channel !== null && channel === this.channel && m.cmd === undefined) {
      this.onRecord(m, data);
      return;
    }
    if (m.XID !== undefined && this.settle(m.XID, m)) return;
    if (channel === '' && m.cmd === 'welcome' && this.welcome === null) {
      this.onWelcome(parseWelcome(m));
      return;
    }
    if (channel === '' && m.cmd === 'error') {
      this.note(`error: ${m.error}`);
      this.listener.onError?.(String(m.error ?? ''));
    }
  }

  onWelcome(w) {
    this.welcome = w;
    if (!w.authRequired) {
      this.subscribe();
      return;
    }
    const token = this.storage?.getItem(TOKEN_KEY);
    if (!token) {
      this.setStatus('token', 'the controller asks for a token');
      return;
    }
    this.setStatus('connecting', 'authenticating');
    this.request(authMessage(token)).then((r) => {
      this.status.role = typeof r.role === 'string' ? r.role : null;
      this.subscribe();
    }, (e) => {
      if (!e.server) return; // the connection ended: its close says why
      // Said plainly, and not tried again: the next attempt waits for another token.
      this.storage?.removeItem(TOKEN_KEY);
      this.setStatus('token', `the controller refused the token: ${e.message}`);
      this.ws?.close(1000);
      this.ws = null;
    });
  }

  /** The person's token: kept in sessionStorage only (never in the URL), and tried on a new connection. */
  provideToken(token) {
    this.storage?.setItem(TOKEN_KEY, token);
    this.retry();
  }

  /** Connects again now: after a refusal, or to cut a wait short. */
  retry() {
    if (this.closed) return;
    if (this.retryTimer) this.timers.clearTimeout(this.retryTimer);
    const old = this.ws;
    this.ws = null;
    if (old) old.close(1000);
    this.retryMs = FIRST_RETRY_MS;
    this.connect();
  }

  close() {
    this.closed = true;
    if (this.retryTimer) this.timers.clearTimeout(this.retryTimer);
    const ws = this.ws;
    this.ws = null;
    if (ws) ws.close(1000);
    this.failPending('closed');
    this.setStatus('closed', '');
  }

  onClosed(reason) {
    this.ws = null;
    this.failPending(`disconnected (${reason})`);
    if (this.closed || this.status.state === 'token' || this.status.state === 'refused') return;
    if (this.wasLive) this.mark(`disconnected (${reason})`);
    this.wasLive = false;
    this.reconnect(reason);
  }

  reconnect(reason) {
    const delay = this.retryMs;
    this.retryMs = Math.min(MAX_RETRY_MS, this.retryMs * 2);
    this.setStatus('reconnecting', reason, this.now() + delay);
    this.retryTimer = this.timers.setTimeout(() => this.connect(), delay);
  }

  // ---- the subscription ----

  subscribe() {
    const w = this.welcome;
    if (!w.servesLog) {
      this.setStatus('nolog', 'this controller has no log service: start it with messenger.log_service');
      return;
    }
    const canResume = w.has('since');
    const restart = this.everJoined && !w.isPox && w.logId !== this.runId;
    const opts = { pox: w.isPox, withPatterns: this.serverPatterns && w.has('grep') };
    if (restart) {
      this.mark(`the controller restarted: a new run of its log${w.logId ? ` (${w.logId})` : ''}; records of the old run `
        + `${this.lastSeq >= 0 ? `after seq ${this.lastSeq} ` : ''}not seen: unknown`);
      this.resume = { kind: 'restart', from: this.lastSeq, at: this.now(), recovered: 0, lost: 0 };
      this.lastSeq = -1;
      if (canResume) opts.since = 0;
    } else if (this.everJoined) {
      const kind = !canResume ? 'noresume' : this.lastSeq >= 0 ? 'resume' : 'nothing';
      this.resume = { kind, from: this.lastSeq, at: this.now(), recovered: 0, lost: 0 };
      if (canResume && this.lastSeq >= 0) opts.since = this.lastSeq;
    } else {
      this.resume = { kind: 'first', from: -1, at: this.now(), recovered: 0, lost: 0 };
      opts.backlog = this.backlog;
    }
    if (opts.since === undefined && this.everJoined && !restart && canResume && this.lastSeq < 0) opts.backlog = this.backlog;
    if (opts.since !== undefined && w.logId) opts.logId = w.logId;
    this.runId = w.logId;
    this.everJoined = true;
    this.join(opts);
  }

  join(opts) {
    const channel = newChannel(this.random);
    this.channel = channel;
    const joined = this.request(joinMessage(channel, serverSettings(this.filter), opts));
    let refusal = null;
    joined.catch((e) => { refusal = e; });
    this.request(testMessage(channel)).then(() => {
      if (this.channel !== channel) return;
      if (refusal && refusal.server) {
        if (opts.withPatterns && this.hasPatterns() && /'grep'|'exclude'/.test(refusal.message)) {
          this.serverPatterns = false;
          this.listener.onError?.(`the controller refused the filter's regex (${refusal.message}); it is applied here only`);
          this.join({ ...opts, withPatterns: false });
          return;
        }
        this.setStatus('refused', `the controller refused the subscription: ${refusal.message}`);
        this.ws?.close(1000);
        this.ws = null;
        return;
      }
      this.pending.forEach((p, xid) => { if (p.msg.channel === channel) this.settle(xid, { cmd: 'joined' }); });
      this.retryMs = FIRST_RETRY_MS;
      this.wasLive = true;
      this.setStatus('connected', this.resumeReport());
    }, () => {});
  }

  hasPatterns() {
    const s = serverSettings(this.filter);
    return s.grep !== null || s.exclude !== null;
  }

  /**
   * A new filter: a narrower one is sent to the controller for the subscription as it goes on; one
   * that could show records the subscription never sent joins again, for a backlog that passes it
   * (the records held go: onReset).
   */
  setFilter(f) {
    const old = this.filter;
    this.filter = f;
    if (sameServerPart(old, f) || !this.welcome || this.welcome.isPox || this.channel === null) return;
    const w = this.welcome;
    if (widens(old, f) && w.has('backlog')) {
      this.send(leaveMessage(this.channel));
      this.listener.onReset?.();
      this.lastSeq = -1;
      this.resume = { kind: 'first', from: -1, at: this.now(), recovered: 0, lost: 0 };
      this.join({ pox: false, withPatterns: this.serverPatterns && w.has('grep'), backlog: this.backlog });
    } else {
      this.send(settingsMessage(this.channel, serverSettings(f), this.serverPatterns && w.has('grep')));
    }
  }

  onRecord(m, raw) {
    this.took(compactRecord(m, raw));
  }

  took(rec) {
    const now = this.at;
    this.received++;
    if (rec.kind === 'gap') {
      const problem = gapProblem(rec, this.lastSeq, (now - this.lastRecordAt) / 1000);
      if (problem) {
        rec.kind = 'record';
        rec.message = `[malformed gap notice, not counted: ${problem}] ${rec.message}`;
        rec.dropped = 0;
      } else {
        this.dropped += rec.dropped;
        if (this.resume.kind !== 'first') this.resume.lost += rec.dropped;
      }
    }
    this.inbox.push(rec);
    let changed = rec.kind === 'gap' && this.resume.kind !== 'first';
    if (rec.seq >= 0) {
      this.lastSeq = rec.seq;
      this.lastRecordAt = now;
      if (this.resume.kind !== 'first' && rec.created * 1000 < this.resume.at) {
        this.resume.recovered++;
        changed = true;
      }
    }
    // The status says what the resume recovered as it comes; the page reads it once a frame.
    if (changed && this.status.state === 'connected') this.status = { ...this.status, detail: this.resumeReport() };
    if (this.inbox.length === 1) this.listener.onRecords?.();
  }

  mark(text) {
    this.inbox.push(markerRecord(text, this.now() / 1000));
    if (this.inbox.length === 1) this.listener.onRecords?.();
  }

  /** What the current connection recovered, as pox-log says it. */
  resumeReport() {
    const r = this.resume;
    const lost = r.lost > 0 ? `, ${r.lost} lost` : '';
    const nothing = r.recovered === 0 && r.lost === 0;
    switch (r.kind) {
      case 'first': return '';
      case 'noresume': return 'reconnected; this server cannot resume, records logged meanwhile are missing';
      case 'nothing': return 'reconnected; no record had come yet to resume after';
      case 'resume': return nothing ? `resumed after seq ${r.from}` : `resumed: ${r.recovered} recovered${lost}`;
      case 'restart': return `restarted${nothing ? '' : `: ${r.recovered} ${r.recovered === 1 ? 'record' : 'records'} of the new run recovered${lost}`}`;
      default: return '';
    }
  }

  setStatus(state, detail, retryAt = 0) {
    this.status = { ...this.status, state, detail, retryAt };
    this.listener.onStatus?.(this.status);
  }

  // ---- levels ----

  /** get_levels (§5.1): the reply ({levels, total, truncated}), or why not. */
  getLevels() {
    const w = this.welcome;
    if (!w || this.status.state !== 'connected') return Promise.reject(new Error('not connected'));
    if (!w.has('get_levels')) {
      return Promise.reject(new Error(w.isPox ? 'a POX controller does not report its levels (no get_levels)'
        : 'this controller does not report its levels (no get_levels)'));
    }
    return this.request(getLevelsMessage()).then((r) => {
      if (!r.levels || typeof r.levels !== 'object') throw new Error('the controller answered get_levels without levels');
      return r;
    });
  }

  /**
   * Sets a logger's level ("" the root; NOTSET inherits), for forSeconds when above 0 (§5.4).
   * Resolves with the controller's levels_timed answer, or {} for an untimed change it took;
   * fails with the controller's refusal in its words (a read token: the right it lacks).
   */
  setLevel(logger, level, forSeconds = 0) {
    const w = this.welcome;
    if (!w || this.status.state !== 'connected') return Promise.reject(new Error('not connected'));
    if (forSeconds > 0 && !w.has('level_for')) {
      return Promise.reject(new Error('this controller does not take timed level changes (its welcome lists no level_for)'));
    }
    let outcome = null;
    const change = this.request(setLevelMessage(this.channel, logger, level, forSeconds));
    const xid = `pv${this.xid}`;
    change.then((r) => { outcome = { r }; }, (e) => { outcome = { e }; });
    // An untimed change is not answered: the test after it is, once the controller acted on both.
    return this.request(testMessage('levels')).then(() => {
      if (outcome === null) {
        this.settle(xid, {});
        return change;
      }
      if (outcome.e) throw outcome.e;
      return outcome.r;
    });
  }
}
