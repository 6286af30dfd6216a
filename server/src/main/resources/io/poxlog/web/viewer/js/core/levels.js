// Level names and numbers as the controller sends and takes them (PROTOCOL.md §5.1). DOM-free.

/** The levels the page offers, lowest first, with their numbers. */
export const LEVELS = Object.freeze([
  ['TRACE', 5], ['DEBUG', 10], ['INFO', 20], ['WARNING', 30], ['ERROR', 40], ['CRITICAL', 50],
]);

const BY_NAME = new Map([...LEVELS, ['WARN', 30], ['FATAL', 50], ['NOTSET', 0]]);

/** The number of a level name (any case) or a whole number 0..50; NaN when it is neither. */
export function levelNumber(text) {
  if (typeof text === 'number') return Number.isInteger(text) && text >= 0 && text <= 50 ? text : NaN;
  const t = String(text ?? '').trim().toUpperCase();
  if (BY_NAME.has(t)) return BY_NAME.get(t);
  if (/^\d{1,2}$/.test(t) && Number(t) <= 50) return Number(t);
  return NaN;
}

/** The canonical name for a level number, rounding up between two (15 is INFO, as Python's logging). */
export function levelName(no) {
  if (!(no > 0)) return 'NOTSET';
  for (const [name, n] of LEVELS) if (no <= n) return name;
  return 'CRITICAL';
}

/** A short name for narrow screens: WARN, CRIT; the others as they are. */
export function shortLevel(name) {
  if (name === 'WARNING') return 'WARN';
  if (name === 'CRITICAL') return 'CRIT';
  return name;
}

/** The CSS class of a record's level: lv-debug, lv-info, ... by its number. */
export function levelClass(no) {
  if (no >= 50) return 'lv-critical';
  if (no >= 40) return 'lv-error';
  if (no >= 30) return 'lv-warning';
  if (no >= 20) return 'lv-info';
  if (no >= 10) return 'lv-debug';
  return 'lv-trace';
}
