import test from 'node:test';
import assert from 'node:assert/strict';
import {
  parseWelcome, joinMessage, setLevelMessage, compactRecord, fastRecord, gapProblem, settingsMessage,
} from '../../main/resources/io/poxlog/web/viewer/js/core/protocol.js';
import { levelNumber, levelName, levelClass } from '../../main/resources/io/poxlog/web/viewer/js/core/levels.js';
import { WELCOME } from './fakes.mjs';

test('a welcome of ours lists features; one without features is POX, assumed to serve its log', () => {
  const w = parseWelcome(WELCOME);
  assert.equal(w.logId, 'RUN-A');
  assert.ok(w.has('level_for') && w.servesLog && !w.isPox);
  const pox = parseWelcome({ CHANNEL: '', cmd: 'welcome', session_id: 'x' });
  assert.ok(pox.isPox && pox.servesLog && !pox.has('since'));
  const noLog = parseWelcome({ ...WELCOME, features: ['auth'] });
  assert.equal(noLog.servesLog, false);
});

test('a join carries json, the filter, and a backlog the first time or since and log_id on a resume', () => {
  const s = { level: 30, subsystems: ['openflow'], grep: '(?i:x)', exclude: null };
  assert.deepEqual(joinMessage('log_1', s, { backlog: 500 }), {
    CHANNEL: '', cmd: 'join_channel', channel: 'log_1', json: true, level: 30, subsystems: ['openflow'], grep: '(?i:x)', backlog: 500,
  });
  assert.deepEqual(joinMessage('log_1', s, { since: 41, logId: 'R', backlog: 500, withPatterns: false }), {
    CHANNEL: '', cmd: 'join_channel', channel: 'log_1', json: true, level: 30, subsystems: ['openflow'], since: 41, log_id: 'R',
  });
  assert.deepEqual(joinMessage('log_1', s, { pox: true }), { CHANNEL: '', cmd: 'join_channel', channel: 'log_1', json: true });
});

test('settings on the channel name every key, so that a removed filter is removed there too', () => {
  assert.deepEqual(settingsMessage('log_1', { level: 0, subsystems: [], grep: null, exclude: null }),
    { CHANNEL: 'log_1', level: 0, subsystems: '', grep: null, exclude: null });
});

test('setLevels: POX names as text, TRACE as its number, for: seconds when timed', () => {
  assert.deepEqual(setLevelMessage('log_1', 'openflow', 'DEBUG'), { CHANNEL: 'log_1', setLevels: { openflow: 'DEBUG' } });
  assert.deepEqual(setLevelMessage('log_1', '', 'TRACE', 300), { CHANNEL: 'log_1', setLevels: { '': 5 }, for: 300 });
  assert.deepEqual(setLevelMessage('log_1', 'x', 'NOTSET'), { CHANNEL: 'log_1', setLevels: { x: 'NOTSET' } });
});

test('a record is made compact, a gap notice recognised', () => {
  const raw = '{"CHANNEL":"log_1","message":"m","seq":3,"levelno":30,"levelname":"WARNING","name":"a.b","created":1.5}';
  const r = compactRecord(JSON.parse(raw), raw);
  assert.equal(r.kind, 'record');
  assert.deepEqual([r.seq, r.levelno, r.name, r.message, r.created, r.raw], [3, 30, 'a.b', 'm', 1.5, raw]);
  const g = compactRecord({ message: 'lost', seq: 9, dropped: 4, gap: [5, 8], levelno: 30, name: 'messenger.log_service' }, '{}');
  assert.equal(g.kind, 'gap');
  assert.equal(g.dropped, 4);
  const odd = compactRecord({ message: 12, levelname: 'ERROR' }, '{}');
  assert.deepEqual([odd.message, odd.levelno, odd.seq], ['12', 40, -1]);
});

test('a gap notice is believed only when its count fits its range and the time since the last record', () => {
  const g = (dropped, gap) => ({ dropped, gap });
  assert.equal(gapProblem(g(4, [5, 8]), 4, 1), null);
  assert.match(gapProblem(g(5, [5, 8]), 4, 1), /does not fit/);
  assert.match(gapProblem(g(1, [3, 8]), 4, 1), /reaches back/);
  assert.match(gapProblem(g(1, [8, 5]), 4, 1), /not a range/);
  assert.match(gapProblem(g(1, null), 4, 1), /no gap/);
  assert.match(gapProblem(g(1, [5, 9e15]), 4, 1), /more records than a controller logs/);
});

test('levels by name and number, rounding up between two', () => {
  assert.equal(levelNumber('warn'), 30);
  assert.equal(levelNumber('15'), 15);
  assert.ok(Number.isNaN(levelNumber('LOUD')));
  assert.ok(Number.isNaN(levelNumber('51')));
  assert.equal(levelName(15), 'INFO');
  assert.equal(levelClass(50), 'lv-critical');
});

test('a record as our log service writes it is read without parsing it whole, and reads the same as parsed', () => {
  const prefix = '{"CHANNEL":"log_1","message":"';
  const messages = ['plain', 'a "quoted" \\ back\\slash', 'caf\u00e9 \u202e \n line two', 'ends with a backslash \\', '', '<img src=x>'];
  for (const message of messages) {
    const raw = JSON.stringify({ CHANNEL: 'log_1', message, seq: 12, levelname: 'INFO', levelno: 20, name: 'openflow.of_01', created: 1.796132325130865e9, msecs: 130, args: ['"x"'] })
      .replace('1796132325.130865', '1.796132325130865E9'); // as Jackson writes it
    const fast = fastRecord(raw, prefix);
    assert.ok(fast, `fast path for ${raw}`);
    assert.deepEqual(fast, compactRecord(JSON.parse(raw), raw));
  }
  const gap = JSON.stringify({ CHANNEL: 'log_1', message: 'lost 3', seq: 9, levelname: 'WARNING', levelno: 30, name: 'messenger.log_service', created: 1, dropped: 3, gap: [5, 7] });
  assert.equal(fastRecord(gap, prefix), null, 'gap notices are read whole');
  assert.equal(fastRecord('{"CHANNEL":"log_1","message":"x","levelname":"INFO","seq":1}', prefix), null, 'another order is read whole');
  assert.equal(fastRecord('{"CHANNEL":"log_2","message":"x","seq":1,"levelname":"INFO","levelno":20,"name":"a","created":1,', prefix), null);
  assert.equal(fastRecord('{"CHANNEL":"log_1","message":"x","seq":1,"levelname":"INFO","levelno":20,"name":"a\\u0041","created":1,', prefix), null, 'a name with escapes is read whole');
});
