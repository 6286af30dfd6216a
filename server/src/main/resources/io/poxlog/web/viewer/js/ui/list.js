// The list of records: virtual scrolling (only the rows in sight exist, one after another in a
// block moved over a spacer as tall as every record shown), redrawn at most once an animation
// frame (for records coming, at most every RECORDS_DRAW_MS), reading the layout once (the scroll
// position) before writing; follow and pause
// (scrolling up pauses, reaching the bottom follows again), the selection, and the "N new" button.
// Main thread only.

import { el, setHighlighted } from './dom.js';
import { clock, rowText, safeLine } from '../core/format.js';
import { levelClass, shortLevel } from '../core/levels.js';
import { Pacer } from '../core/pacer.js';

/**
 * The least time between two draws for records coming (a person's scroll or key draws at the next
 * frame): a flood changes every row every frame, and drawing them each frame was most of the
 * page's work (BENCHMARKS.md, the browser viewer's page).
 */
export const RECORDS_DRAW_MS = 100;

export class RecordList {
  constructor({ list, spacer, rows, follow }, store, { onOpen, onFollow } = {}) {
    Object.assign(this, { list, spacer, rows, followButton: follow, store, onOpen, onFollow });
    this.following = true;
    this.newSincePause = 0;
    this.selectedId = null;
    this.search = null;
    this.pool = [];
    this.pacer = new Pacer(() => this.render(), RECORDS_DRAW_MS);
    this.ignoreScroll = false;
    this.rowHeight = 20;
    this.narrow = false;
    this.viewHeight = 0; // the list's clientHeight, read again on a resize
    this.spacerHeight = -1;
    this.rowsTop = -1;
    this.scrolledTo = -1; // the scroll position last set or read
    this.measure();
    list.addEventListener('scroll', () => this.onScroll(), { passive: true });
    list.addEventListener('click', (ev) => this.onClick(ev));
    list.addEventListener('dblclick', (ev) => {
      const id = this.idAt(ev);
      if (id !== null) this.onOpen?.(id);
    });
    follow.addEventListener('click', () => this.follow());
    window.addEventListener('resize', () => { this.measure(); this.schedule(); });
    // the list's height changes without the window's too (the bars, a panel): read it then, not each frame
    new ResizeObserver(() => { this.viewHeight = list.clientHeight; this.schedule(); }).observe(list);
  }

  measure() {
    const h = parseFloat(getComputedStyle(this.list).getPropertyValue('--row-h'));
    this.rowHeight = h > 0 ? h : 20;
    this.narrow = window.innerWidth < 700;
    this.viewHeight = this.list.clientHeight;
    this.scrolledTo = -1;
    for (const r of this.pool) r.shownId = -1;
  }

  /** Draws at the next animation frame. */
  schedule() {
    this.pacer.next();
  }

  /** Call after records were added: counts those shown while paused, and draws within RECORDS_DRAW_MS. */
  added(shown) {
    if (!this.following) this.newSincePause += shown;
    this.pacer.soon();
  }

  /** The view changed whole (a filter, a clear). */
  reset() {
    this.newSincePause = 0;
    for (const r of this.pool) r.shownId = -1;
    this.schedule();
  }

  /** search: a record => its marks (dom.js setHighlighted), or null for none. */
  setSearch(search) {
    this.search = search;
    for (const r of this.pool) r.shownId = -1;
    this.schedule();
  }

  follow() {
    this.following = true;
    this.newSincePause = 0;
    this.selectedId = null;
    this.onFollow?.(true);
    this.schedule();
  }

  pause() {
    if (this.following) {
      this.following = false;
      this.newSincePause = 0;
      this.onFollow?.(false);
      this.schedule();
    }
  }

  toggle() {
    if (this.following) {
      this.pause();
      if (this.selectedId === null && this.store.viewSize) this.selectedId = this.store.viewId(this.store.viewSize - 1);
    } else {
      this.follow();
    }
  }

  onScroll() {
    if (this.ignoreScroll) {
      // our own, from render, which drew the rows for it: drawing again for it made every draw ask
      // for the next, and records coming were drawn every frame whatever their pace
      this.ignoreScroll = false;
      return;
    }
    const l = this.list;
    const atBottom = l.scrollTop + l.clientHeight >= l.scrollHeight - this.rowHeight / 2;
    if (!atBottom && this.following) this.pause();
    else if (atBottom && !this.following && this.selectedId === null) this.follow();
    this.schedule();
  }

  idAt(ev) {
    const row = ev.target.closest?.('.row');
    return row && row.shownId >= 0 ? row.shownId : null;
  }

  /** A click selects a record; a click on the selected one opens it (a phone has no double click). */
  onClick(ev) {
    const id = this.idAt(ev);
    if (id === null) return;
    if (id === this.selectedId) this.onOpen?.(id);
    else this.select(id, false);
  }

  /** Selects a record; pauses (the list holds still on it) and, with scroll, brings it into sight. */
  select(id, scroll = true) {
    this.selectedId = id;
    this.pause();
    if (scroll) this.scrollTo(this.store.viewIndexOf(id));
    for (const r of this.pool) r.shownId = -1;
    this.schedule();
  }

  /** The selection moves by n records (older: negative); past the newest it follows again. */
  move(n) {
    const s = this.store;
    if (!s.viewSize) return;
    const at = this.selectedId === null ? s.viewSize - 1 : s.viewIndexOf(this.selectedId);
    const to = at + n;
    if (to >= s.viewSize && n > 0) {
      this.follow();
      return;
    }
    this.select(s.viewId(Math.max(0, Math.min(s.viewSize - 1, to))));
  }

  page(direction) {
    this.move(direction * Math.max(1, Math.floor(this.list.clientHeight / this.rowHeight) - 1));
  }

  oldest() {
    if (this.store.viewSize) this.select(this.store.viewId(0));
  }

  scrollTo(index) {
    const l = this.list;
    const top = index * this.rowHeight;
    if (top < l.scrollTop || top + this.rowHeight > l.scrollTop + l.clientHeight) {
      this.ignoreScroll = true;
      l.scrollTop = Math.max(0, top - l.clientHeight / 2);
    }
  }

  /**
   * Draws the rows in sight. Following, the list's layout is not read at all (the scroll position
   * is the bottom, the height known since the last resize); else only its scroll position, before
   * anything is written: a read after a write makes the browser lay the page out there and then.
   */
  render() {
    const s = this.store;
    const n = s.viewSize;
    const rh = this.rowHeight;
    const l = this.list;
    const height = n * rh;
    const viewHeight = this.viewHeight || l.clientHeight;
    let top;
    if (this.following) {
      top = Math.max(0, height - viewHeight);
    } else {
      top = l.scrollTop;
    }
    if (this.spacerHeight !== height) {
      this.spacerHeight = height;
      this.spacer.style.height = `${height}px`;
    }
    if (this.following && Math.abs(this.scrolledTo - top) > 1) {
      this.ignoreScroll = true;
      l.scrollTop = top;
    }
    this.scrolledTo = top;
    if (this.selectedId !== null && this.selectedId < s.firstId) this.selectedId = null;
    const first = Math.max(0, Math.min(n - 1, Math.floor(top / rh)));
    const count = Math.max(0, Math.min(n - first, Math.ceil(viewHeight / rh) + 1));
    if (this.rowsTop !== first * rh) {
      this.rowsTop = first * rh;
      this.rows.style.transform = `translateY(${first * rh}px)`;
    }
    while (this.pool.length < count) {
      const r = el('div', 'row');
      r.append(el('span', 't'), el('span', 'lv'), el('span', 'lg'), el('span', 'msg'));
      r.shownId = -1;
      r.setAttribute('role', 'row');
      this.rows.append(r);
      this.pool.push(r);
    }
    for (let i = 0; i < this.pool.length; i++) {
      const r = this.pool[i];
      if (i >= count) {
        if (!r.hidden) r.hidden = true;
        r.shownId = -1;
        continue;
      }
      const rec = s.viewAt(first + i);
      if (r.hidden) r.hidden = false;
      if (r.shownId !== rec.id) this.fill(r, rec);
    }
    this.followButton.hidden = this.following || this.newSincePause === 0;
    if (!this.followButton.hidden) this.followButton.textContent = `${this.newSincePause.toLocaleString('en')} new \u2193`;
  }

  fill(r, rec) {
    r.shownId = rec.id;
    r.className = `row ${levelClass(rec.levelno)}${rec.kind === 'record' ? '' : ` ${rec.kind}`}${rec.id === this.selectedId ? ' selected' : ''}`;
    const [t, lv, lg, msg] = r.children;
    t.textContent = clock(rec.created, !this.narrow);
    lv.textContent = rec.kind === 'marker' ? '\u2500\u2500' : (this.narrow ? shortLevel(rec.levelname) : rec.levelname);
    const name = safeLine(rec.name);
    lg.textContent = name;
    lg.title = name;
    const text = rowText(rec.message);
    setHighlighted(msg, text, rec.kind === 'marker' || !this.search ? null : this.search(rec));
  }
}
