// The records the page holds: at most `capacity` (100,000) and about `maxBytes` of them, the
// oldest going first; and the view, the ids of those that pass the filter, in order. Records are
// compact (protocol.js compactRecord): a few fields and the frame's text. Each gets an id, one more
// than the last, by which the list, the selection and the search refer to it. DOM-free; one thread.

import { matcher, NO_FILTER } from './filters.js';

export const DEFAULT_CAPACITY = 100_000;
/** What the records may take, counted as their text (a character a byte, the server writes ASCII) and a fixed overhead. */
export const DEFAULT_MAX_BYTES = 96 * 1024 * 1024;
/** The overhead counted for each record beyond its text: the object and its fields. */
const RECORD_OVERHEAD = 120;

export class RecordStore {
  constructor({ capacity = DEFAULT_CAPACITY, maxBytes = DEFAULT_MAX_BYTES } = {}) {
    this.capacity = capacity;
    this.maxBytes = maxBytes;
    this.ring = new Array(capacity);
    this.firstId = 0; // the oldest record held
    this.nextId = 0;  // the id the next record gets
    this.bytes = 0;
    this.evicted = 0;
    this.names = new Map(); // interned logger names, and how many records of each were seen
    this.lastName = null; // the entry of names interned last
    this.filter = NO_FILTER;
    this.test = matcher(NO_FILTER);
    this.view = [];
    this.viewStart = 0;
  }

  get size() { return this.nextId - this.firstId; }
  get viewSize() { return this.view.length - this.viewStart; }

  /** The record of id, or undefined once it went. */
  get(id) {
    return id >= this.firstId && id < this.nextId ? this.ring[id % this.capacity] : undefined;
  }

  /** The i-th record of the view, oldest first. */
  viewAt(i) {
    return this.ring[this.view[this.viewStart + i] % this.capacity];
  }

  viewId(i) {
    return this.view[this.viewStart + i];
  }

  /** Where id stands in the view: its index, or that of the first newer one shown (viewSize if none). */
  viewIndexOf(id) {
    let lo = this.viewStart;
    let hi = this.view.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.view[mid] < id) lo = mid + 1; else hi = mid;
    }
    return lo - this.viewStart;
  }

  intern(name) {
    // a flood repeats a few loggers: comparing with the last one is cheaper than hashing a new string
    const last = this.lastName;
    if (last !== null && last.name === name) {
      last.count++;
      return last.name;
    }
    const n = this.names.get(name);
    if (n !== undefined) {
      n.count++;
      this.lastName = n;
      return n.name;
    }
    if (this.names.size < 10_000) this.names.set(name, { name, count: 1 });
    return name;
  }

  /** Adds a record (giving it its id); returns whether the view shows it. */
  add(rec) {
    rec.name = this.intern(rec.name);
    const cost = RECORD_OVERHEAD + rec.message.length + (rec.raw ? rec.raw.length : 0);
    while (this.size >= this.capacity || (this.size > 0 && this.bytes + cost > this.maxBytes)) this.evictOldest();
    const id = this.nextId++;
    rec.id = id;
    rec.cost = cost;
    this.ring[id % this.capacity] = rec;
    this.bytes += cost;
    if (this.test(rec)) {
      this.view.push(id);
      return true;
    }
    return false;
  }

  evictOldest() {
    const id = this.firstId++;
    const slot = id % this.capacity;
    this.bytes -= this.ring[slot].cost;
    this.ring[slot] = undefined;
    this.evicted++;
    if (this.viewStart < this.view.length && this.view[this.viewStart] === id) {
      this.viewStart++;
      if (this.viewStart > 4096 && this.viewStart * 2 > this.view.length) {
        this.view = this.view.slice(this.viewStart);
        this.viewStart = 0;
      }
    }
  }

  /** Shows the held records that pass f (the view is rebuilt). */
  setFilter(f) {
    this.filter = f;
    this.test = matcher(f);
    const view = [];
    for (let id = this.firstId; id < this.nextId; id++) {
      if (this.test(this.ring[id % this.capacity])) view.push(id);
    }
    this.view = view;
    this.viewStart = 0;
  }

  /** Forgets every record (the ids go on counting). */
  clear() {
    for (let id = this.firstId; id < this.nextId; id++) this.ring[id % this.capacity] = undefined;
    this.firstId = this.nextId;
    this.bytes = 0;
    this.view = [];
    this.viewStart = 0;
  }

  /**
   * The view index of the first record that regex finds (in its logger or message), checking
   * start first and then each older (backward) or newer one, wrapping around once; -1 for none.
   * The page's own marks are never matches.
   */
  find(regex, start, backward) {
    const n = this.viewSize;
    for (let k = 0; k < n; k++) {
      const i = ((backward ? start - k : start + k) % n + n) % n;
      const r = this.viewAt(i);
      if (r.kind !== 'marker' && (regex.test(r.message) || regex.test(r.name))) return i;
    }
    return -1;
  }

  /** The records shown as JSON lines, each as received without the transport's CHANNEL; the page's marks left out. */
  *jsonLines() {
    for (let i = 0; i < this.viewSize; i++) {
      const r = this.viewAt(i);
      if (r.raw) yield withoutChannel(r.raw) + '\n';
    }
  }
}

/** A record's frame without its CHANNEL key, the rest as received. */
export function withoutChannel(raw) {
  const o = JSON.parse(raw);
  delete o.CHANNEL;
  return JSON.stringify(o);
}
