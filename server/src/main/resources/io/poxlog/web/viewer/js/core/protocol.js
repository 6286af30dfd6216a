// The messages the page sends to the controller and what it makes of those it receives
// (PROTOCOL.md §2, §4, §5). Stateless and DOM-free: the session (session.js) holds the state.

/** The features of the log service, any one of which a controller serving its log lists. */
const LOG_FEATURES = ['seq', 'since', 'backlog', 'get_levels', 'gap_notices'];

/** What a welcome says (§2). */
export function parseWelcome(w) {
  const features = Array.isArray(w.features) ? w.features.map(String) : null;
  return {
    sessionId: typeof w.session_id === 'string' ? w.session_id : '',
    authRequired: w.auth_required === true,
    features,
    logId: typeof w.log_id === 'string' && w.log_id !== '' ? w.log_id : null,
    server: typeof w.server === 'string' ? w.server : (features ? '' : 'POX'),
    version: typeof w.version === 'string' ? w.version : '',
    has(feature) { return features !== null && features.includes(feature); },
    get isPox() { return features === null; },
    get servesLog() { return features === null || LOG_FEATURES.some((f) => features.includes(f)); },
  };
}

/** A fresh log_ channel name: 128 random bits, as pox-log's log_<uuid>. */
export function newChannel(random = defaultRandom) {
  return 'log_' + random();
}

function defaultRandom() {
  if (globalThis.crypto?.randomUUID) return globalThis.crypto.randomUUID();
  return Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2);
}

/**
 * The server settings of a filter (see filters.js serverSettings): the keys a join or a later
 * message on the channel carries. Every key is present, so that a setting message also removes
 * what the filter no longer has (null removes grep and exclude; "" is every logger).
 */
export function settingsMessage(channel, settings, withPatterns = true) {
  const m = { CHANNEL: channel, level: settings.level, subsystems: settings.subsystems.length ? settings.subsystems : '' };
  if (withPatterns) {
    m.grep = settings.grep;
    m.exclude = settings.exclude;
  }
  return m;
}

/**
 * A join of channel with json: true, the filter's settings (for a controller of this project;
 * POX is sent none, as a setting it cannot parse makes it stop reading) and how to begin:
 * {backlog: N} the first time, {since, logId} on a resume.
 */
export function joinMessage(channel, settings, { pox = false, withPatterns = true, backlog = 0, since = -1, logId = null } = {}) {
  const m = { CHANNEL: '', cmd: 'join_channel', channel, json: true };
  if (!pox && settings) {
    if (settings.level > 0) m.level = settings.level;
    if (settings.subsystems.length) m.subsystems = settings.subsystems;
    if (withPatterns && settings.grep) m.grep = settings.grep;
    if (withPatterns && settings.exclude) m.exclude = settings.exclude;
  }
  if (since >= 0) {
    m.since = since;
    if (logId) m.log_id = logId;
  } else if (backlog > 0) {
    m.backlog = backlog;
  }
  return m;
}

export function leaveMessage(channel) {
  return { CHANNEL: '', cmd: 'leave_channel', channel };
}

export function authMessage(token) {
  return { CHANNEL: '', cmd: 'auth', token };
}

export function testMessage(value) {
  return { CHANNEL: '', test: value };
}

/** get_levels (§5.1), on the log channel. */
export function getLevelsMessage() {
  return { CHANNEL: 'log', cmd: 'get_levels' };
}

const POX_NAMES = new Set(['DEBUG', 'INFO', 'WARNING', 'ERROR', 'CRITICAL', 'NOTSET']);
const NUMBERS = { TRACE: 5 };

/**
 * setLevels for one logger ("" is the root) on channel; level NOTSET makes it inherit. With
 * forSeconds above 0 the change is timed (§5.4). A name POX has is sent as text, TRACE as its
 * number, as pox-log does.
 */
export function setLevelMessage(channel, logger, level, forSeconds = 0) {
  const value = POX_NAMES.has(level) ? level : (NUMBERS[level] ?? level);
  const m = { CHANNEL: channel, setLevels: { [logger]: value } };
  if (forSeconds > 0) m.for = forSeconds;
  return m;
}

/**
 * The record a message on our channel carries, made compact: the fields the list, filters and
 * search need, and the frame's text as received for the details and the download. Null when the
 * message is not record-shaped.
 */
export function compactRecord(m, raw) {
  if (typeof m.message !== 'string' && m.message !== undefined) m.message = String(m.message);
  const levelno = Number.isFinite(m.levelno) ? m.levelno : levelOfName(m.levelname);
  const rec = {
    seq: Number.isSafeInteger(m.seq) ? m.seq : -1,
    created: Number.isFinite(m.created) ? m.created : NaN,
    levelno,
    levelname: typeof m.levelname === 'string' ? m.levelname : '',
    name: typeof m.name === 'string' ? m.name : '',
    message: typeof m.message === 'string' ? m.message : '',
    raw,
    dropped: 0,
    kind: 'record',
  };
  if (m.dropped !== undefined && m.dropped !== 0) {
    rec.kind = 'gap';
    rec.dropped = Number.isSafeInteger(m.dropped) ? m.dropped : 0;
    rec.gap = Array.isArray(m.gap) && m.gap.length === 2 ? m.gap : null;
    rec.logId = typeof m.log_id === 'string' ? m.log_id : null;
  }
  return rec;
}

/** What follows the message in a record as this project's log service writes it (PROTOCOL.md §5.2), key by key. */
const AFTER_MESSAGE = /","seq":(\d{1,16}),"levelname":"([A-Z]{1,16})","levelno":(\d{1,2}),"name":"([^"\\]*)","created":(-?[0-9.]+(?:E-?\d+)?),/y;

/**
 * The compact record of a frame written as this project's log service writes its records (the
 * keys CHANNEL, message, seq, levelname, levelno, name, created first, in that order), read
 * without parsing the rest: in a flood, JSON.parse of every whole record is most of the page's
 * work. Null for anything else (POX's records, gap notices, a logger name with escapes), which
 * compactRecord(JSON.parse(raw)) reads; so are the log service's own records, among them its
 * gap notices.
 */
export function fastRecord(raw, prefix) {
  if (!raw.startsWith(prefix)) return null;
  const start = prefix.length;
  let end = raw.indexOf('"', start);
  let escaped = false;
  while (end > 0 && raw.charCodeAt(end - 1) === 92) {
    // a quote after backslashes: escaped when there is an odd number of them
    let n = 1;
    while (raw.charCodeAt(end - 1 - n) === 92) n++;
    if (n % 2 === 0) break;
    escaped = true;
    end = raw.indexOf('"', end + 1);
  }
  if (end < 0) return null;
  AFTER_MESSAGE.lastIndex = end;
  const m = AFTER_MESSAGE.exec(raw);
  // gap notices come from the service's own logger: those are read whole
  if (m === null || m[4] === 'messenger.log_service') return null;
  let message = raw.slice(start, end);
  if (escaped || message.includes('\\')) {
    try {
      message = JSON.parse(`"${message}"`);
    } catch {
      return null;
    }
  }
  return {
    seq: Number(m[1]), created: Number(m[5]), levelno: Number(m[3]), levelname: m[2], name: m[4], message, raw, dropped: 0, kind: 'record',
  };
}

function levelOfName(name) {
  switch (name) {
    case 'TRACE': return 5;
    case 'DEBUG': return 10;
    case 'INFO': return 20;
    case 'WARN': case 'WARNING': return 30;
    case 'ERROR': return 40;
    case 'CRITICAL': case 'FATAL': return 50;
    default: return 0;
  }
}

/** A mark of the page's own between the records (disconnected, resumed, restarted). */
export function markerRecord(text, created, levelno = 30) {
  return { seq: -1, created, levelno, levelname: levelno >= 30 ? 'WARNING' : 'INFO', name: 'poxlog.viewer', message: text, raw: null, dropped: 0, kind: 'marker' };
}

/** The most records a controller is believed to log in a second (pox-log's GapNotices bound). */
export const MAX_PLAUSIBLE_RECORDS_PER_SECOND = 10_000_000;

/**
 * Why a gap notice cannot be believed, or null when it can (as pox-log's GapNotices): its count
 * comes from the network and must fit its range, lie after what was received, and be no more
 * than a controller could have logged since the last record.
 */
export function gapProblem(rec, lastSeq, secondsSinceLast) {
  if (!rec.gap || !Number.isSafeInteger(rec.gap[0]) || !Number.isSafeInteger(rec.gap[1])) {
    return 'no gap [first seq, last seq] with its count';
  }
  const [first, last] = rec.gap;
  const range = `gap [${first}, ${last}]`;
  if (first < 1 || last < first) return `${range} is not a range of seqs`;
  const span = last - first + 1;
  if (rec.dropped < 1 || rec.dropped > span) return `dropped ${rec.dropped} does not fit ${range}`;
  if (lastSeq >= 0 && first <= lastSeq) return `${range} reaches back into records already received (up to seq ${lastSeq})`;
  const seconds = Math.floor(Math.max(0, secondsSinceLast)) + 1;
  const beyond = lastSeq >= 0 ? last - lastSeq : span;
  if (beyond > seconds * MAX_PLAUSIBLE_RECORDS_PER_SECOND) {
    return `${range} is more records than a controller logs in ${seconds} s, the time since the last record`;
  }
  return null;
}
