// The next match of a search: from the ids a search found (ascending), the first at or after a
// record in the view going older or newer, wrapping around once. DOM-free.

/** The index of the first id in ids (ascending) not below id. */
export function lowerBound(ids, id) {
  let lo = 0;
  let hi = ids.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ids[mid] < id) lo = mid + 1; else hi = mid;
  }
  return lo;
}

/**
 * The match to select: the newest at or below fromId going older (or the oldest at or above it
 * going newer), among found that shows(id); else, wrapping around, the newest (the oldest).
 * {id, wrapped}, or null when none shows.
 */
export function nextMatch(found, shows, fromId, older) {
  const n = found.length;
  if (!n) return null;
  const start = older ? lowerBound(found, fromId + 1) - 1 : lowerBound(found, fromId);
  for (let k = 0; k < n; k++) {
    const raw = older ? start - k : start + k;
    const i = ((raw % n) + n) % n;
    if (shows(found[i])) return { id: found[i], wrapped: older ? raw < 0 : raw >= n };
  }
  return null;
}
