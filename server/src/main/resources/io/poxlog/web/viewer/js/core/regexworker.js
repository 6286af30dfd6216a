// The page's side of a regex worker (regex.worker.js): one set of patterns at a time (a filter's
// grep and exclude, or a search), batches of records sent to be judged, the answers in order. A
// new set of patterns terminates the worker and starts another, so a slow job is cancelled at
// once; a worker that says nothing for slowMs while it has work (no chunk of regexjob.CHUNK
// records done) is terminated and its patterns declared too slow (onSlow), its batches left
// unanswered. DOM-free: the worker's maker, the timers and the clock are given, so that node can
// test it. Main thread only.

export const DEFAULT_SLOW_MS = 3000;
const WATCH_MS = 250;

export class RegexWorker {
  /**
   * @param o.makeWorker () => a Worker (postMessage, terminate, onmessage)
   * @param o.onProgress ({done, total, batches}) for the batch at work
   * @param o.onSlow (patterns, {done, total, ms}) once the patterns proved too slow
   */
  constructor({ makeWorker, timers = globalThis, now = () => Date.now(), slowMs = DEFAULT_SLOW_MS, onProgress, onSlow }) {
    Object.assign(this, { makeWorker, timers, now, slowMs, onProgress, onSlow });
    this.worker = null;
    this.patterns = null;
    this.seq = 0;
    this.pending = new Map(); // seq -> {resolve, total}
    this.lastWord = 0;
    this.done = 0;
    this.watch = null;
  }

  get busy() { return this.pending.size > 0; }

  /** New patterns ({grep, exclude} or {search}; null: none): the old worker and its batches go. */
  set(patterns) {
    this.stop();
    this.patterns = patterns;
    if (!patterns) return;
    const w = this.makeWorker();
    w.onmessage = (ev) => { if (this.worker === w) this.onMessage(ev.data); };
    this.worker = w;
    w.postMessage({ type: 'set', patterns });
  }

  stop() {
    if (this.worker) this.worker.terminate();
    this.worker = null;
    this.pending.clear();
    if (this.watch !== null) this.timers.clearInterval(this.watch);
    this.watch = null;
  }

  /**
   * Sends records ({id, name, message}) to be judged: the promise has {pass, marks} (regexjob.judge);
   * it never settles if the patterns change or prove too slow first.
   */
  test(records) {
    if (!this.worker) return new Promise(() => {});
    const seq = ++this.seq;
    const n = records.length;
    const ids = new Array(n);
    const names = new Array(n);
    const messages = new Array(n);
    for (let i = 0; i < n; i++) {
      const r = records[i];
      ids[i] = r.id;
      names[i] = r.name;
      messages[i] = r.message;
    }
    if (!this.busy) {
      this.lastWord = this.now();
      this.done = 0;
    }
    this.worker.postMessage({ type: 'test', seq, ids, names, messages });
    if (this.watch === null) this.watch = this.timers.setInterval(() => this.check(), WATCH_MS);
    return new Promise((resolve) => this.pending.set(seq, { resolve, total: n }));
  }

  onMessage(m) {
    this.lastWord = this.now();
    const p = this.pending.get(m.seq);
    if (!p) return;
    if (m.type === 'progress') {
      this.done = m.done;
      this.onProgress?.({ done: m.done, total: m.total, batches: this.pending.size });
    } else if (m.type === 'result') {
      this.pending.delete(m.seq);
      this.done = 0;
      if (!this.busy) {
        this.timers.clearInterval(this.watch);
        this.watch = null;
      }
      this.onProgress?.({ done: p.total, total: p.total, batches: this.pending.size });
      p.resolve({ pass: m.pass, marks: m.marks });
    }
  }

  check() {
    if (!this.busy) return;
    const ms = this.now() - this.lastWord;
    if (ms <= this.slowMs) return;
    const patterns = this.patterns;
    const [first] = this.pending.values();
    const info = { done: this.done, total: first.total, ms };
    this.stop();
    this.patterns = null;
    this.onSlow?.(patterns, info);
  }
}
