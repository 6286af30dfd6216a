// Text as the page shows it. DOM-free.

/**
 * Characters that must not act on what the page shows, made visible as pox-log's Sanitizer makes
 * them: C0 controls and DEL as ^X (ESC is ^[), C1 controls and invisible formatting characters
 * (bidi overrides and isolates, zero-width characters, U+2028/2029) and lone surrogates as <hex>.
 * A record is data: on the page it is always text (textContent), and this keeps it reading as it
 * is written, too.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\p{Cf}]|[\ud800-\udfff]/gu;
const UNSAFE_IN_LINES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\p{Cf}]|[\ud800-\udfff]/gu;

function placeholder(c) {
  const cp = c.codePointAt(0);
  if (cp === 10) return ' \u23ce ';
  if (cp === 9) return ' ';
  if (cp < 0x20) return '^' + String.fromCharCode(cp + 64);
  if (cp === 0x7f) return '^?';
  return '<' + cp.toString(16) + '>';
}

/** For one line of the list: newlines become ⏎, tabs a space, the rest as above. */
export function safeLine(s) {
  return s.replace(UNSAFE, placeholder);
}

/** For text that may span lines (the details): keeps newlines and tabs. */
export function safeText(s) {
  return s.replace(UNSAFE_IN_LINES, placeholder);
}

/** The most characters of a message the list shows; the details have it whole. */
export const MAX_SHOWN = 4096;

/** A message for its row: its first line's worth, cut past MAX_SHOWN with how much more there is. */
export function rowText(message) {
  if (message.length <= MAX_SHOWN) return safeLine(message);
  return safeLine(message.slice(0, MAX_SHOWN)) + ` \u2026 [${count(message.length - MAX_SHOWN)} more characters: the details show the whole record]`;
}

const pad2 = (n) => String(n).padStart(2, '0');

/** A record's time, local: 14:03:07.386 (HH:MM:SS on narrow screens); '' when it has none. */
export function clock(createdSeconds, withMillis = true) {
  if (!Number.isFinite(createdSeconds)) return '';
  const d = new Date(createdSeconds * 1000);
  const t = `${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}`;
  return withMillis ? `${t}.${String(d.getMilliseconds()).padStart(3, '0')}` : t;
}

/** A whole ISO 8601 local time with offset, for the details: 2026-11-25T07:01:46.386+01:00. */
export function isoLocal(createdSeconds) {
  if (!Number.isFinite(createdSeconds)) return '';
  const d = new Date(createdSeconds * 1000);
  const off = -d.getTimezoneOffset();
  const sign = off >= 0 ? '+' : '-';
  const a = Math.abs(off);
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}T${clock(createdSeconds)}${sign}${pad2(Math.floor(a / 60))}:${pad2(a % 60)}`;
}

/** 12,345 */
export function count(n) {
  return Math.round(n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A size as people read it: 812 B, 4.5 KiB, 37 MiB. */
export function bytes(n) {
  const units = ['B', 'KiB', 'MiB', 'GiB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) { v /= 1024; u++; }
  return u === 0 || v >= 10 ? `${Math.floor(v)} ${units[u]}` : `${(Math.floor(v * 10) / 10).toFixed(1)} ${units[u]}`;
}

/** The longest timed level change a controller takes: 7 days. */
export const MAX_FOR_SECONDS = 7 * 24 * 3600;

/** Seconds of a duration as operators write it (90s, 5m, 1h30m, 1d); throws Error saying what it takes. */
export function parseDuration(given) {
  const t = String(given).trim();
  const m = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(t);
  if (!t || !m) throw new Error(`'${given}' is not a duration: give one such as 90s, 5m, 1h or 1h30m`);
  const s = [86400, 3600, 60, 1].reduce((sum, unit, i) => sum + (m[i + 1] ? Number(m[i + 1]) * unit : 0), 0);
  if (s === 0) throw new Error(`'${given}' is no time at all: a timed change lasts more than 0 s`);
  if (s > MAX_FOR_SECONDS) throw new Error(`'${given}' is longer than 7 days (${MAX_FOR_SECONDS} s), the most a controller takes`);
  return s;
}

/** Time left, as pox-log shows it: 4m59s, 1h0m5s, 42s. */
export function timeLeft(seconds) {
  const s = Math.max(0, Math.ceil(seconds));
  if (s >= 3600) return `${Math.floor(s / 3600)}h${Math.floor((s % 3600) / 60)}m${s % 60}s`;
  return s >= 60 ? `${Math.floor(s / 60)}m${s % 60}s` : `${s}s`;
}

/** A status line's connection part: "connected", "reconnecting in 4 s: cannot connect", ... */
export function describeStatus(status, nowMs) {
  switch (status.state) {
    case 'connected': return `connected${status.detail ? `: ${status.detail}` : ''}${status.role === 'read' ? ' (read-only token)' : ''}`;
    case 'connecting': return `connecting${status.detail ? ` (${status.detail})` : ''}`;
    case 'reconnecting': return `reconnecting in ${Math.max(0, Math.ceil((status.retryAt - nowMs) / 1000))} s: ${status.detail}`;
    case 'token': return `token needed: ${status.detail}`;
    case 'refused': return `refused: ${status.detail}`;
    case 'nolog': return `no log service: ${status.detail}`;
    case 'closed': return 'closed';
    default: return status.state;
  }
}

/** Every attribute of a record for its details, in pox-log's order: the first few, then the rest as they came; CHANNEL left out. */
export function detailFields(obj) {
  const first = ['seq', 'asctime', 'levelname', 'levelno', 'name', 'message'];
  const out = [];
  for (const k of first) if (Object.hasOwn(obj, k)) out.push([k, obj[k]]);
  for (const [k, v] of Object.entries(obj)) {
    if (!first.includes(k) && k !== 'exc' && k !== 'CHANNEL') out.push([k, v]);
  }
  return out;
}

/** A value as a person reads it: text as it is, the rest as JSON. */
export function valueText(v) {
  return typeof v === 'string' ? v : JSON.stringify(v);
}
