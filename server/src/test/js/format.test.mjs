import test from 'node:test';
import assert from 'node:assert/strict';
import {
  safeLine, safeText, rowText, parseDuration, timeLeft, count, bytes, describeStatus, detailFields, MAX_SHOWN,
} from '../../main/resources/io/poxlog/web/viewer/js/core/format.js';
import { LoggerTree, timedNote } from '../../main/resources/io/poxlog/web/viewer/js/core/tree.js';
import { RateMeter } from '../../main/resources/io/poxlog/web/viewer/js/core/rate.js';

test('control characters, escapes and bidi controls are made visible; markup stays as written', () => {
  assert.equal(safeLine('\u001b[31mred\u0007'), '^[[31mred^G');
  assert.equal(safeLine('a\u202eb\u200bc\u009bd'), 'a<202e>b<200b>c<9b>d');
  assert.equal(safeLine('one\ntwo\tthree'), 'one \u23ce two three');
  assert.equal(safeText('one\ntwo\tthree\u001b'), 'one\ntwo\tthree^[');
  assert.equal(safeLine('<img src=x onerror=alert(1)></script>'), '<img src=x onerror=alert(1)></script>');
  assert.equal(safeLine('\ud800x \ud83d\ude00'), '<d800>x \ud83d\ude00');
});

test('a long message is cut in its row, saying how much more there is', () => {
  const t = rowText('y'.repeat(MAX_SHOWN + 1234));
  assert.ok(t.endsWith('[1,234 more characters: the details show the whole record]'));
});

test('durations as operators write them, and the time left', () => {
  assert.equal(parseDuration('5m'), 300);
  assert.equal(parseDuration('1h30m'), 5400);
  assert.throws(() => parseDuration('8d'), /longer than 7 days/);
  assert.throws(() => parseDuration('0s'), /no time at all/);
  assert.throws(() => parseDuration('soon'), /not a duration/);
  assert.equal(timeLeft(299.2), '5m0s');
  assert.equal(timeLeft(3605), '1h0m5s');
  assert.equal(timeLeft(-3), '0s');
  assert.equal(count(1234567), '1,234,567');
  assert.equal(bytes(4.5 * 1024), '4.5 KiB');
});

test('the status says the state, the reason and the wait', () => {
  assert.equal(describeStatus({ state: 'reconnecting', detail: 'cannot connect', retryAt: 5_000 }, 1_200), 'reconnecting in 4 s: cannot connect');
  assert.equal(describeStatus({ state: 'connected', detail: 'resumed: 3 recovered', role: 'read' }, 0), 'connected: resumed: 3 recovered (read-only token)');
});

test('details: the first attributes first, CHANNEL and exc left for their own place', () => {
  const f = detailFields({ CHANNEL: 'x', thread: 1, message: 'm', seq: 2, exc: ['a'], name: 'n' });
  assert.deepEqual(f.map(([k]) => k), ['seq', 'name', 'message', 'thread']);
});

test('the logger tree: parents first, folds, the messenger folded at first, a search shows matches with their parents', () => {
  const t = new LoggerTree().build({
    '': { configured: 'INFO', effective: 'INFO' },
    openflow: { configured: 'DEBUG', effective: 'DEBUG', until: 1300, revert_to: null },
    messenger: { configured: null, effective: 'INFO' },
    'messenger.log_service': { configured: null, effective: 'INFO' },
  }, ['openflow.of_01', 'web.core']);
  assert.deepEqual(t.nodes.map((n) => n.name), ['', 'messenger', 'messenger.log_service', 'openflow', 'openflow.of_01', 'web', 'web.core']);
  assert.deepEqual(t.visible().map((n) => n.name), ['', 'messenger', 'openflow', 'openflow.of_01', 'web', 'web.core']);
  t.toggle('openflow');
  assert.deepEqual(t.visible().map((n) => n.name), ['', 'messenger', 'openflow', 'web', 'web.core']);
  assert.deepEqual(t.visible(/core/).map((n) => n.name), ['', 'web', 'web.core']);
  assert.equal(timedNote(t.node('openflow'), 1000.5), '5m0s left, then -');
  assert.equal(t.node('openflow.of_01').known, false);
  assert.equal(t.node('messenger').configured, null);
});

test('records per second over a window', () => {
  const r = new RateMeter(1000);
  r.add(300, 0);
  r.add(200, 500);
  assert.equal(r.perSecond(900), 500);
  assert.equal(r.perSecond(1400), 200);
});
