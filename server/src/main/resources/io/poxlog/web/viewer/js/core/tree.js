// The logger tree: every logger the controller reports (get_levels, PROTOCOL.md §5.1, §5.4) and
// every logger seen in the records, parents first, with configured and effective levels and, for
// a timed level, when it goes back and to what; folds, and a search by name. DOM-free.

import { isAtOrBelow } from './filters.js';
import { timeLeft } from './format.js';

/** Loggers that start folded: the messenger's and Netty's own, as in pox-log. */
export const FOLDED_AT_FIRST = ['messenger', 'io.netty'];

export function parentOf(name) {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(0, dot);
}

export class LoggerTree {
  constructor() {
    this.levels = null; // the last get_levels reply's levels
    this.folded = new Set(FOLDED_AT_FIRST);
    this.nodes = [];
  }

  /** Builds the rows from levels (may be null: unknown) and the names seen (an iterable). */
  build(levels, seen = []) {
    this.levels = levels;
    const names = new Set(['']);
    if (levels) for (const n of Object.keys(levels)) names.add(n);
    for (const n of seen) {
      // every ancestor too, so that the tree has no holes
      for (let p = n; p !== ''; p = parentOf(p)) names.add(p);
    }
    const sorted = [...names].sort(compareNames);
    this.nodes = sorted.map((name, i) => {
      let below = 0;
      while (i + 1 + below < sorted.length && isAtOrBelow(sorted[i + 1 + below], name) && sorted[i + 1 + below] !== name) below++;
      const l = levels?.[name];
      return {
        name,
        depth: name === '' ? 0 : name.split('.').length,
        configured: l ? (l.configured ?? null) : undefined,
        effective: l ? (l.effective ?? '?') : '?',
        until: l && Number.isFinite(l.until) ? l.until : null,
        revertTo: l && l.revert_to !== undefined ? l.revert_to : undefined,
        children: below,
        known: !!l,
      };
    });
    return this;
  }

  /** The rows to show: every logger but those below a folded one (or, with query, those matching and their parents). */
  visible(query = null) {
    if (query) {
      const keep = new Set();
      for (const n of this.nodes) {
        if (query.test(n.name === '' ? 'root' : n.name)) {
          for (let p = n.name; ; p = parentOf(p)) {
            keep.add(p);
            if (p === '') break;
          }
        }
      }
      return this.nodes.filter((n) => keep.has(n.name));
    }
    const out = [];
    for (let i = 0; i < this.nodes.length; i++) {
      const n = this.nodes[i];
      out.push(n);
      if (n.children > 0 && this.folded.has(n.name)) i += n.children;
    }
    return out;
  }

  isFolded(name) {
    return this.folded.has(name);
  }

  toggle(name) {
    if (!this.folded.delete(name)) this.folded.add(name);
  }

  node(name) {
    return this.nodes.find((n) => n.name === name);
  }
}

/** Name order with parents before children: by dotted parts. */
function compareNames(a, b) {
  if (a === '') return b === '' ? 0 : -1;
  if (b === '') return 1;
  const pa = a.split('.');
  const pb = b.split('.');
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    if (pa[i] !== pb[i]) return pa[i] < pb[i] ? -1 : 1;
  }
  return pa.length - pb.length;
}

/** A timed level's note: "4m59s left, then INFO" ("then -": inheriting again); '' when untimed. */
export function timedNote(node, nowSeconds) {
  if (node.until === null) return '';
  const then = node.revertTo === null || node.revertTo === undefined ? '-' : node.revertTo;
  return `${timeLeft(node.until - nowSeconds)} left, then ${then}`;
}
