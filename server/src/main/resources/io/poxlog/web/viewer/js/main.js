// The log viewer's page: wires the session (the controller's log over the messenger's
// WebSocket, same origin), the record store, the list, the filters in the URL fragment, the
// search, the details, the logger tree, the token dialog, the download and the keys.

import { $, el } from './ui/dom.js';
import { RecordList } from './ui/list.js';
import { renderDetails } from './ui/details.js';
import { TreeView } from './ui/treeview.js';
import { LogSession } from './core/session.js';
import { RecordStore } from './core/store.js';
import { RateMeter } from './core/rate.js';
import { Pacer } from './core/pacer.js';
import { makeFilter, fromFragment, toFragment, describe, regexProblem, ignoresCase } from './core/filters.js';
import { RegexWorker } from './core/regexworker.js';
import { nextMatch, lowerBound } from './core/search.js';
import { describeStatus, count, bytes } from './core/format.js';
import { levelName } from './core/levels.js';

const KEYS = [
  ['/', 'search (a regex on logger and message; all lower case: any case): the newest match at or above the selection'],
  ['n  N', 'the next older / next newer match (wrapping around)'],
  ['space', 'pause / follow'],
  ['\u2191 \u2193  k j', 'select the previous / next record (moving up pauses; past the newest follows)'],
  ['PgUp PgDn', 'a page up / down'],
  ['g  G', 'the oldest record held / the newest, following again'],
  ['Enter', 'the selected record in full (double-click too)'],
  ['L', 'the logger tree: levels, set them with a click'],
  ['f', 'the filters'],
  ['Esc', 'close a panel; else clear the search'],
  ['?', 'this help'],
];

const store = new RecordStore();
const rate = new RateMeter();
const wsUrl = `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/_webmsg/ws`;
let { filter, problems } = fromFragment(location.hash);

// The filter's grep and exclude and the search run in workers of their own (a slow regex cannot be
// stopped on this thread): restarted on a new pattern, and a pattern they find too slow is dropped.
const makeWorker = () => new Worker(new URL('./core/regex.worker.js', import.meta.url), { type: 'module' });
const filterWork = new RegexWorker({
  makeWorker, onProgress: (p) => showWork('s-work', 'filtering', p), onSlow: (patterns, info) => filterTooSlow(patterns, info),
});
const searchWork = new RegexWorker({
  makeWorker, onProgress: (p) => showWork('search-info', 'searching', p), onSlow: (patterns, info) => searchTooSlow(patterns, info),
});
/** The ids of the records held that the filter's grep and exclude pass, as its worker said. */
let passing = new Set();

const list = new RecordList({ list: $('list'), spacer: $('spacer'), rows: $('rows'), follow: $('follow') }, store, {
  onOpen: (id) => openDetails(id),
  onFollow: () => statsDirty(),
});

let frameAsked = false;
const session = new LogSession({
  url: wsUrl, WebSocket, storage: sessionStorage, filter,
  listener: {
    onRecords: () => askFrame(),
    onStatus: (s) => showStatus(s),
    onError: (text) => notice(text),
    onReset: () => { store.clear(); list.reset(); },
  },
});

function askFrame() {
  if (!frameAsked) {
    frameAsked = true;
    requestAnimationFrame(frame);
  }
}

/**
 * Once a frame: the records received go into the store; the list is drawn at most every
 * RecordList.RECORDS_DRAW_MS for them, the bars every STATS_MS.
 */
function frame() {
  frameAsked = false;
  const recs = session.take();
  if (recs.length) {
    let shown = 0;
    for (let i = 0; i < recs.length; i++) if (store.add(recs[i])) shown++;
    if (filterWork.patterns) filterWork.test(recs.filter((r) => r.kind === 'record')).then((v) => filterJudged(v, true));
    if (search) searchWork.test(recs.filter((r) => r.kind !== 'marker')).then((v) => searchJudged(search, v));
    rate.add(recs.length, Date.now());
    list.added(shown);
    statsPacer.soon();
  }
}

// ---- status ----

function showStatus(s) {
  const c = $('conn');
  const text = describeStatus(s, Date.now());
  if (c.dataset.state !== s.state) c.dataset.state = s.state;
  if (c.textContent !== text) {
    c.textContent = text;
    c.title = text;
  }
  if (s.state === 'token') askToken(s.detail);
}

setInterval(() => {
  showStatus(session.status);
  statsDirty();
}, 1000);

/** How often records coming redraw the bars, which a flood changes faster than anyone reads. */
const STATS_MS = 250;
const statsPacer = new Pacer(() => stats(), STATS_MS);
/** The bars drawn at the next animation frame: after what the person did. */
const statsDirty = () => statsPacer.next();

/** Sets an element's text when it changed: an unchanged one costs the page no layout. */
function setText(id, text) {
  const e = $(id);
  if (e.textContent !== text) e.textContent = text;
  return e;
}

function stats() {
  showStatus(session.status);
  const mode = $('s-follow');
  const modeText = list.following ? 'FOLLOW' : `PAUSED${list.newSincePause ? ` +${count(list.newSincePause)} new` : ''}`;
  if (mode.textContent !== modeText) mode.textContent = modeText;
  mode.classList.toggle('paused', !list.following);
  setText('s-rate', `${count(rate.perSecond(Date.now()))} rec/s`);
  setText('s-held', `held ${count(store.size)}/${count(store.capacity)}, ${bytes(store.bytes)}`);
  setText('s-shown', `shown ${count(store.viewSize)}`);
  setText('s-dropped', `dropped ${count(session.dropped)}`).classList.toggle('lost', session.dropped > 0);
  setText('s-filter', `filter: ${describe(filter)}`);
  setText('s-search', search ? `search: /${search.text}/${ignoresCase(search.text) ? 'i' : ''}` : '');
}

let noticeTimer = null;
function notice(text) {
  const n = $('notice');
  n.textContent = text;
  n.hidden = false;
  clearTimeout(noticeTimer);
  noticeTimer = setTimeout(() => { n.hidden = true; }, 8000);
}

// ---- filters, in the URL fragment ----

function fillForm(f) {
  $('f-level').value = f.level ? levelName(f.level) : '';
  $('f-loggers').value = f.loggers.map((l) => l || 'root').join(', ');
  $('f-hide').value = f.hide.join(', ');
  $('f-grep').value = f.grep;
  $('f-exclude').value = f.exclude;
  $('search').value = f.search;
}

const loggerList = (text) => text.split(',').map((s) => s.trim()).filter(Boolean).map((s) => (s === 'root' ? '' : s));

function applyFilter(next, { updateUrl = true } = {}) {
  const regexes = next.grep !== filter.grep || next.exclude !== filter.exclude || !filterWork.patterns;
  filter = next;
  if (regexes) startFilterWork();
  store.setFilter(storeFilter());
  session.setFilter(filter);
  list.reset();
  if (updateUrl) updateFragment();
  statsDirty();
}

function updateFragment() {
  const frag = toFragment(filter);
  history.replaceState(null, '', frag ? `#${frag}` : location.pathname + location.search);
}

/** The filter as the store applies it: grep and exclude as their worker judged them. */
function storeFilter() {
  return filter.grep || filter.exclude ? { ...filter, regexPass: (r) => passing.has(r.id) } : filter;
}

/** The filter's grep and exclude to a new worker, which judges every record held again. */
function startFilterWork() {
  passing = new Set();
  $('s-work').textContent = '';
  if (!filter.grep && !filter.exclude) {
    filterWork.set(null);
    return;
  }
  filterWork.set({ grep: filter.grep, exclude: filter.exclude });
  const held = [];
  for (let id = store.firstId; id < store.nextId; id++) {
    const r = store.get(id);
    if (r.kind === 'record') held.push(r);
  }
  if (held.length) filterWork.test(held).then((v) => filterJudged(v, false));
}

function filterJudged({ pass }, arriving) {
  for (const id of pass) passing.add(id);
  if (passing.size > 2 * store.capacity) passing = new Set([...passing].filter((id) => id >= store.firstId));
  store.setFilter(storeFilter());
  if (arriving) list.added(pass.length); else list.reset();
  if (!filterWork.busy) $('s-work').textContent = '';
  statsDirty();
}

function showWork(where, what, { done, total, batches }) {
  $(where).textContent = done < total || batches > 0 ? `${what}\u2026 ${count(done)} of ${count(total)}` : '';
}

function tooSlow(what, { done, total, ms }) {
  return `${what} is too slow: ${count(done)} of ${count(total)} records judged, then no answer for ${(ms / 1000).toFixed(1)} s; `
    + 'dropped from the view and the address';
}

function filterTooSlow(patterns, info) {
  const which = [patterns.grep && `grep /${patterns.grep}/`, patterns.exclude && `exclude /${patterns.exclude}/`].filter(Boolean).join(' and ');
  const text = tooSlow(`the filter's ${which}`, info);
  $('s-work').textContent = '';
  $('f-problem').textContent = text;
  notice(text);
  const next = makeFilter({ ...filter, grep: '', exclude: '' });
  fillForm(next);
  applyFilter(next);
}

$('filters').addEventListener('submit', (ev) => {
  ev.preventDefault();
  try {
    const next = makeFilter({
      level: $('f-level').value || 0, loggers: loggerList($('f-loggers').value), hide: loggerList($('f-hide').value),
      grep: $('f-grep').value, exclude: $('f-exclude').value, search: filter.search,
    });
    $('f-problem').textContent = '';
    applyFilter(next);
  } catch (e) {
    $('f-problem').textContent = e.message;
  }
});
$('f-level').addEventListener('change', () => $('filters').requestSubmit());
$('f-clear').addEventListener('click', () => {
  fillForm(makeFilter({ search: filter.search }));
  $('filters').requestSubmit();
});
$('show-filters').addEventListener('click', () => toggleFilters());
function toggleFilters(open = !$('filters').classList.contains('open')) {
  $('filters').classList.toggle('open', open);
  $('show-filters').setAttribute('aria-expanded', String(open));
  if (open) $('f-level').focus();
}

window.addEventListener('hashchange', () => {
  const r = fromFragment(location.hash);
  if (r.problems.length) notice(`the address's filter: ${r.problems.join('; ')}`);
  fillForm(r.filter);
  applyFilter(r.filter, { updateUrl: false });
  setSearch(r.filter.search, false);
});

// ---- search ----

/**
 * The search: its text, the ids of the records held its worker found (ascending) and each one's
 * marks; ready once the records held when it began were judged; then, a find asked meanwhile.
 */
let search = null;

function setSearch(text, updateUrl = true) {
  const why = regexProblem(text);
  if (why) {
    $('search-info').textContent = why;
    return false;
  }
  if ((search?.text ?? '') !== text) {
    search = text ? { text, found: [], marks: new Map(), ready: false, then: null } : null;
    list.setSearch(null);
    $('search-info').textContent = '';
    searchWork.set(text ? { search: text } : null);
    if (search) {
      const held = [];
      for (let id = store.firstId; id < store.nextId; id++) {
        const r = store.get(id);
        if (r.kind !== 'marker') held.push(r);
      }
      const s = search;
      searchWork.test(held).then((v) => {
        s.ready = true;
        searchJudged(s, v);
        if (s.then) findNext(s.then.older, s.then.fromSelection);
      });
    }
  }
  if (updateUrl && filter.search !== text) {
    filter = makeFilter({ ...filter, search: text });
    updateFragment();
  }
  statsDirty();
  return true;
}

function searchJudged(s, { pass, marks }) {
  if (s !== search) return;
  for (let k = 0; k < pass.length; k++) {
    s.found.push(pass[k]);
    s.marks.set(pass[k], marks[k]);
  }
  const gone = lowerBound(s.found, store.firstId);
  if (gone > 4096) {
    for (let k = 0; k < gone; k++) s.marks.delete(s.found[k]);
    s.found = s.found.slice(gone);
  }
  list.setSearch((rec) => s.marks.get(rec.id) ?? null);
}

function searchTooSlow(patterns, info) {
  const text = tooSlow(`the search /${patterns.search}/`, info);
  $('search-info').textContent = text;
  notice(text);
  search = null;
  list.setSearch(null);
  filter = makeFilter({ ...filter, search: '' });
  updateFragment();
  statsDirty();
}

function shows(id) {
  const i = store.viewIndexOf(id);
  return i < store.viewSize && store.viewId(i) === id;
}

/** Selects the next match: older (n, and the first, at or above the selection) or newer (N). */
function findNext(older, fromSelection = false) {
  if (!search) return;
  if (!search.ready) {
    search.then = { older, fromSelection };
    return;
  }
  const n = store.viewSize;
  if (!n) return;
  const at = list.selectedId !== null && shows(list.selectedId) ? list.selectedId : store.viewId(n - 1);
  const m = nextMatch(search.found, shows, fromSelection ? at : older ? at - 1 : at + 1, older);
  if (!m) {
    $('search-info').textContent = `no match for /${search.text}/ among ${count(n)} records`;
    return;
  }
  $('search-info').textContent = m.wrapped ? (older ? 'wrapped around to the newest' : 'wrapped around to the oldest') : '';
  list.select(m.id);
}

$('search').addEventListener('keydown', (ev) => {
  if (ev.key === 'Enter') {
    ev.preventDefault();
    if (setSearch($('search').value)) findNext(true, true);
    $('list').focus();
  } else if (ev.key === 'Escape') {
    $('search').value = '';
    setSearch('');
    $('list').focus();
  }
});
$('search-older').addEventListener('click', () => { if (setSearch($('search').value)) findNext(true); });
$('search-newer').addEventListener('click', () => { if (setSearch($('search').value)) findNext(false); });

// ---- details ----

function openDetails(id) {
  const rec = store.get(id);
  if (!rec) return;
  tree.hide();
  renderDetails($('details-body'), $('details-title'), rec);
  $('details').hidden = false;
}
$('details-close').addEventListener('click', () => { $('details').hidden = true; $('list').focus(); });

// ---- the logger tree ----

const tree = new TreeView({
  panel: $('tree'), body: $('tree-body'), note: $('tree-note'), search: $('tree-search'), forSelect: $('tree-for'),
  refresh: $('tree-refresh'),
}, session, () => store.names.keys());
$('show-tree').addEventListener('click', () => toggleTree());
$('tree-close').addEventListener('click', () => { tree.hide(); $('list').focus(); });
function toggleTree() {
  if (tree.open) {
    tree.hide();
  } else {
    $('details').hidden = true;
    tree.show();
  }
}

// ---- the token ----

function askToken(why) {
  const d = $('auth');
  $('auth-why').textContent = why;
  if (!d.open) d.showModal();
  $('auth-token').focus();
}
// A dialog closed with Esc comes back from the connection's badge.
$('conn').addEventListener('click', () => { if (session.status.state === 'token') askToken(session.status.detail); });
$('auth-form').addEventListener('submit', () => {
  const t = $('auth-token').value;
  $('auth-token').value = '';
  if (t) session.provideToken(t);
});

// ---- download ----

$('download').addEventListener('click', () => {
  const blob = new Blob([...store.jsonLines()], { type: 'application/x-ndjson' });
  const a = el('a');
  a.href = URL.createObjectURL(blob);
  a.download = `poxlog-${new Date().toISOString().replace(/[:.]/g, '-')}.jsonl`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 60_000);
});

// ---- theme ----

const THEMES = ['auto', 'light', 'dark'];
function setTheme(t) {
  if (t === 'auto') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = t;
  $('theme').textContent = `Theme: ${t}`;
  try { localStorage.setItem('poxlog.theme', t); } catch { /* private mode */ }
}
$('theme').addEventListener('click', () => {
  const now = document.documentElement.dataset.theme ?? 'auto';
  setTheme(THEMES[(THEMES.indexOf(now) + 1) % THEMES.length]);
});

// ---- keys ----

const help = $('help-keys');
for (const [k, what] of KEYS) {
  const tr = el('tr');
  tr.append(el('td', null, k), el('td', null, what));
  help.append(tr);
}
$('show-help').addEventListener('click', () => $('help').showModal());

document.addEventListener('keydown', (ev) => {
  if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
  const t = ev.target;
  if (t instanceof HTMLInputElement || t instanceof HTMLSelectElement || t instanceof HTMLTextAreaElement) return;
  // a focused button takes its own space and Enter
  if (t instanceof HTMLButtonElement && (ev.key === ' ' || ev.key === 'Enter')) return;
  if ($('auth').open || $('help').open) return;
  const k = ev.key;
  const handled = {
    '/': () => $('search').focus(),
    n: () => findNext(true),
    N: () => findNext(false),
    ' ': () => list.toggle(),
    g: () => list.oldest(),
    Home: () => list.oldest(),
    G: () => list.follow(),
    End: () => list.follow(),
    '?': () => $('help').showModal(),
    ArrowUp: () => list.move(-1),
    k: () => list.move(-1),
    ArrowDown: () => list.move(1),
    j: () => list.move(1),
    PageUp: () => list.page(-1),
    PageDown: () => list.page(1),
    Enter: () => { if (list.selectedId !== null) openDetails(list.selectedId); },
    L: () => toggleTree(),
    f: () => toggleFilters(),
    r: () => { if (tree.open) tree.load(); },
    Escape: () => {
      if (!$('details').hidden) $('details').hidden = true;
      else if (tree.open) tree.hide();
      else { $('search').value = ''; setSearch(''); }
    },
  }[k];
  if (handled) {
    ev.preventDefault();
    handled();
    statsDirty();
  }
});

// ---- start ----

setTheme((() => { try { return localStorage.getItem('poxlog.theme') ?? 'auto'; } catch { return 'auto'; } })());
fillForm(filter);
startFilterWork();
store.setFilter(storeFilter());
setSearch(filter.search, false);
if (problems.length) notice(`the address's filter: ${problems.join('; ')}`);
if (filter.level || filter.loggers.length || filter.hide.length || filter.grep || filter.exclude) toggleFilters(true);
session.start();
list.render();
stats();
$('list').focus();

// For the page's tests (and the curious, in the console): read-only use.
window.poxlog = { store, session, list, get filter() { return filter; }, get search() { return search; }, ignoresCase };
