// What the page shows: a minimum level, loggers to show (with their children) and to hide, an
// include and an exclude regex over logger and message; with the search, the view's state, kept
// in the URL fragment so that a copied link opens the same view. Sent to the controller as
// subscription settings (PROTOCOL.md §5.2) so that backlog and bandwidth respect them, and applied
// here too: a controller may let records pass unexamined under load, and its regexes are RE2's.
// DOM-free.

import { levelNumber, levelName } from './levels.js';

/** The filter that shows everything. */
export const NO_FILTER = Object.freeze({ level: 0, loggers: [], hide: [], grep: '', exclude: '', search: '' });

/** Smart case, as pox-log: a regex without an upper-case letter (escapes aside) ignores case. */
export function ignoresCase(pattern) {
  return !/(^|[^\\])[A-Z]/.test(pattern.replace(/\\\\/g, ''));
}

/** A regex as the page matches it: ^ and $ at every line, smart case. Throws SyntaxError, saying why. */
export function compileRegex(pattern) {
  return new RegExp(pattern, ignoresCase(pattern) ? 'mi' : 'm');
}

/** Null when pattern compiles here, else why not in words. */
export function regexProblem(pattern) {
  if (!pattern) return null;
  try {
    compileRegex(pattern);
    return null;
  } catch (e) {
    return `not a regular expression: ${e.message.replace(/^Invalid regular expression: /, '')}`;
  }
}

function cleanLoggers(list) {
  const out = [];
  for (const l of list ?? []) {
    const t = String(l).trim();
    if (t !== '' && !out.includes(t)) out.push(t);
  }
  return out;
}

/** A filter made whole and checked: unknown levels and bad regexes throw Error saying which. */
export function makeFilter(parts = {}) {
  const f = { ...NO_FILTER, ...parts };
  let level = 0;
  if (f.level !== 0 && f.level !== '' && f.level !== undefined && f.level !== null) {
    level = levelNumber(f.level);
    if (Number.isNaN(level)) throw new Error(`unknown level '${f.level}' (use TRACE, DEBUG, INFO, WARNING, ERROR, CRITICAL or 0 to 50)`);
  }
  for (const key of ['grep', 'exclude', 'search']) {
    const p = regexProblem(f[key]);
    if (p) throw new Error(`${key}: ${p}`);
  }
  return Object.freeze({
    level, loggers: cleanLoggers(f.loggers), hide: cleanLoggers(f.hide),
    grep: String(f.grep ?? ''), exclude: String(f.exclude ?? ''), search: String(f.search ?? ''),
  });
}

/** The fragment of a filter (without '#'): level, logger (repeated), hide (repeated), grep, exclude, search. */
export function toFragment(f) {
  const p = new URLSearchParams();
  if (f.level > 0) p.set('level', isNamed(f.level) ? levelName(f.level) : String(f.level));
  for (const l of f.loggers) p.append('logger', l);
  for (const l of f.hide) p.append('hide', l);
  if (f.grep) p.set('grep', f.grep);
  if (f.exclude) p.set('exclude', f.exclude);
  if (f.search) p.set('search', f.search);
  return p.toString();
}

function isNamed(no) {
  return [5, 10, 20, 30, 40, 50].includes(no);
}

/**
 * The filter a fragment says ('#' or not), and what in it was refused: a bad part is left out
 * and said, the rest applies.
 */
export function fromFragment(fragment) {
  const p = new URLSearchParams(String(fragment ?? '').replace(/^#/, ''));
  const problems = [];
  const parts = { loggers: p.getAll('logger'), hide: p.getAll('hide') };
  const level = p.get('level');
  if (level !== null) {
    if (Number.isNaN(levelNumber(level))) problems.push(`level '${level}' is not a level`);
    else parts.level = level;
  }
  for (const key of ['grep', 'exclude', 'search']) {
    const v = p.get(key);
    if (v === null) continue;
    const why = regexProblem(v);
    if (why) problems.push(`${key}: ${why}`);
    else parts[key] = v;
  }
  return { filter: makeFilter(parts), problems };
}

/** Whether logger name is l or below it; "" (the root) has everything below it. */
export function isAtOrBelow(name, l) {
  return l === '' || name === l || (name.length > l.length && name.startsWith(l) && name.charCodeAt(l.length) === 46);
}

/**
 * A test of records for the filter (without its search): gap notices and the page's own marks
 * always pass, a loss or a disconnection is never hidden. With f.regexPass (record => boolean) its
 * verdict stands for grep and exclude, which are then not run here: the page runs them in a
 * worker (regexworker.js), as a slow regex cannot be stopped on the page's own thread.
 */
export function matcher(f) {
  const byWorker = typeof f.regexPass === 'function' && (f.grep || f.exclude);
  const grep = f.grep && !byWorker ? compileRegex(f.grep) : null;
  const exclude = f.exclude && !byWorker ? compileRegex(f.exclude) : null;
  const { level, loggers, hide, regexPass } = f;
  return (r) => {
    if (r.kind !== 'record') return true;
    if (r.levelno < level) return false;
    const name = r.name;
    if (loggers.length && !loggers.some((l) => isAtOrBelow(name, l))) return false;
    if (hide.length && hide.some((l) => isAtOrBelow(name, l))) return false;
    if (grep || exclude) {
      const text = name + '\n' + r.message;
      if (grep && !grep.test(text)) return false;
      if (exclude && exclude.test(text)) return false;
    }
    return !byWorker || regexPass(r);
  };
}

/** Whether the filter lets every record pass. */
export function isEmpty(f) {
  return f.level === 0 && !f.loggers.length && !f.hide.length && !f.grep && !f.exclude;
}

function re2Escape(s) {
  return s.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&');
}

function re2Case(pattern) {
  return ignoresCase(pattern) ? `(?i:${pattern})` : `(?:${pattern})`;
}

/**
 * The subscription settings for the controller: level, subsystems (the loggers shown), grep and
 * exclude in RE2 syntax. Hidden loggers become part of exclude, anchored at the start of the text
 * the controller matches (the logger name, a newline, the message).
 */
export function serverSettings(f) {
  const excludes = [];
  if (f.exclude) excludes.push(re2Case(f.exclude));
  if (f.hide.length) excludes.push(`\\A(?:${f.hide.map(re2Escape).join('|')})[.\\n]`);
  return {
    level: f.level,
    subsystems: f.loggers.includes('') ? [] : [...f.loggers],
    grep: f.grep ? re2Case(f.grep) : null,
    exclude: excludes.length ? excludes.join('|') : null,
  };
}

/**
 * Whether going from filter a to filter b could show records a's subscription never sent:
 * then the page asks the controller for its backlog again. Narrowing (a higher level, a first
 * include, more loggers hidden) needs only the records held.
 */
export function widens(a, b) {
  if (b.level < a.level) return true;
  if (a.loggers.length && (!b.loggers.length || b.loggers.some((l) => !a.loggers.some((m) => isAtOrBelow(l, m))))) return true;
  if (a.hide.some((l) => !b.hide.includes(l))) return true;
  if (a.grep && a.grep !== b.grep) return true;
  if (a.exclude && a.exclude !== b.exclude) return true;
  return false;
}

/** Whether the controller's part of two filters differs (the search is the page's alone). */
export function sameServerPart(a, b) {
  return JSON.stringify(serverSettings(a)) === JSON.stringify(serverSettings(b));
}

/** A short description for the status bar: "level>=WARNING logger openflow grep /x/i". */
export function describe(f) {
  const parts = [];
  if (f.level > 0) parts.push(`level>=${levelName(f.level)}`);
  if (f.loggers.length) parts.push(`logger ${f.loggers.map((l) => l || 'root').join(',')}`);
  if (f.hide.length) parts.push(`hide ${f.hide.join(',')}`);
  if (f.grep) parts.push(`grep /${f.grep}/${ignoresCase(f.grep) ? 'i' : ''}`);
  if (f.exclude) parts.push(`exclude /${f.exclude}/${ignoresCase(f.exclude) ? 'i' : ''}`);
  return parts.length ? parts.join(' ') : 'none';
}
