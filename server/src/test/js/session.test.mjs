import test from 'node:test';
import assert from 'node:assert/strict';
import { LogSession, TOKEN_KEY } from '../../main/resources/io/poxlog/web/viewer/js/core/session.js';
import { makeFilter } from '../../main/resources/io/poxlog/web/viewer/js/core/filters.js';
import { FakeSocket, FakeTimers, FakeStorage, settle, WELCOME, record } from './fakes.mjs';

function session(opts = {}) {
  FakeSocket.all = [];
  const timers = new FakeTimers();
  const statuses = [];
  const errors = [];
  let resets = 0;
  const storage = opts.storage ?? new FakeStorage();
  const s = new LogSession({
    url: 'ws://h/_webmsg/ws', WebSocket: FakeSocket, timers, now: () => timers.now, storage, backlog: 500,
    filter: opts.filter, random: (() => { let n = 0; return () => `c${++n}`; })(),
    listener: { onStatus: (st) => statuses.push({ ...st }), onError: (e) => errors.push(e), onReset: () => resets++ },
  }).start();
  return { s, timers, statuses, errors, storage, resets: () => resets };
}

/** Answers the join's test probe as the controller would; returns the join. */
async function live(ws, welcome = WELCOME) {
  ws.open();
  ws.receive(welcome);
  await settle();
  const join = ws.sent.find((m) => m.cmd === 'join_channel');
  const probe = ws.sent.find((m) => m.test !== undefined);
  ws.receive({ CHANNEL: '', test: String(probe.test).toUpperCase(), XID: probe.XID });
  await settle();
  return join;
}

test('joins with json, the filter and a backlog, and is connected once the probe after the join comes back', async () => {
  const { s, statuses } = session({ filter: makeFilter({ level: 'WARNING', grep: 'of_01' }) });
  const ws = FakeSocket.last();
  assert.equal(ws.url, 'ws://h/_webmsg/ws');
  ws.open();
  ws.receive(WELCOME);
  await settle();
  const join = ws.sent[0];
  assert.deepEqual({ ...join, XID: undefined }, {
    CHANNEL: '', cmd: 'join_channel', channel: 'log_c1', json: true, level: 30, grep: '(?i:of_01)', backlog: 500, XID: undefined,
  });
  assert.equal(s.status.state, 'connecting', 'not yet: the join has no answer, the probe after it has');
  const probe = ws.sent[1];
  ws.receive({ CHANNEL: '', test: 'LOG_C1', XID: probe.XID });
  await settle();
  assert.equal(s.status.state, 'connected');
  ws.receive(record('log_c1', 1));
  ws.receive(record('log_other', 2));
  ws.receive(record('log_c1', 3));
  assert.deepEqual(s.take().map((r) => r.seq), [1, 3]);
  assert.ok(statuses.some((st) => st.state === 'connecting'));
});

test('a lost connection is told, retried after 0.5 s doubling, and resumed with since and log_id, saying what it recovered', async () => {
  const { s, timers } = session();
  await live(FakeSocket.last());
  const ws = FakeSocket.last();
  ws.receive(record('log_c1', 41, { created: timers.now / 1000 - 5 }));
  s.take();
  ws.drop(1001, 'the server is stopping');
  assert.equal(s.status.state, 'reconnecting');
  assert.equal(s.status.detail, 'the controller is going away (1001: the server is stopping)');
  assert.equal(s.status.retryAt - timers.now, 500);
  assert.match(s.take()[0].message, /^disconnected \(the controller is going away/);
  timers.advance(500);
  const second = FakeSocket.last();
  assert.notEqual(second, ws);
  second.drop(1006);
  assert.equal(s.status.detail, 'cannot connect');
  assert.equal(s.status.retryAt - timers.now, 1000, 'doubled');
  timers.advance(1000);
  const third = FakeSocket.last();
  const join = await live(third);
  assert.equal(join.since, 41);
  assert.equal(join.log_id, 'RUN-A');
  assert.equal(join.backlog, undefined);
  assert.equal(s.status.detail, 'resumed after seq 41');
  third.receive(record(join.channel, 42, { created: timers.now / 1000 - 1 }));
  third.receive({ CHANNEL: join.channel, message: 'lost 3', seq: 46, dropped: 3, gap: [43, 45], levelno: 30, name: 'messenger.log_service', log_id: 'RUN-A' });
  assert.equal(s.resumeReport(), 'resumed: 1 recovered, 3 lost');
  assert.equal(s.status.detail, 'resumed: 1 recovered, 3 lost', 'the status follows what the resume recovers');
  assert.equal(s.dropped, 3);
  third.drop(1006);
  assert.equal(s.status.retryAt - timers.now, 500, 'back to the first delay after a connection that subscribed');
});

test('a restart (another log_id) is marked as such and the new run is asked for from its start', async () => {
  const { s, timers } = session();
  await live(FakeSocket.last());
  FakeSocket.last().receive(record('log_c1', 7));
  s.take();
  FakeSocket.last().drop(1006);
  timers.advance(500);
  const join = await live(FakeSocket.last(), { ...WELCOME, log_id: 'RUN-B' });
  assert.equal(join.since, 0);
  assert.equal(join.log_id, 'RUN-B');
  const marks = s.take().map((r) => r.message);
  assert.match(marks[1], /^the controller restarted: a new run of its log \(RUN-B\); records of the old run after seq 7 not seen/);
  assert.equal(s.status.detail, 'restarted');
});

test('a malformed gap notice is shown marked and not counted', async () => {
  const { s } = session();
  await live(FakeSocket.last());
  FakeSocket.last().receive(record('log_c1', 10));
  FakeSocket.last().receive({ CHANNEL: 'log_c1', message: 'lost', seq: 11, dropped: 9e15, gap: [5, 6], name: 'messenger.log_service' });
  const [, gap] = s.take();
  assert.equal(gap.kind, 'record');
  assert.match(gap.message, /^\[malformed gap notice, not counted: /);
  assert.equal(s.dropped, 0);
});

test('auth_required: the page asks for a token, sends it first, keeps it in sessionStorage; a refused one is said and not tried again', async () => {
  const { s, storage, timers } = session();
  let ws = FakeSocket.last();
  ws.open();
  ws.receive({ ...WELCOME, auth_required: true });
  assert.equal(s.status.state, 'token');
  assert.equal(ws.sent.length, 0);
  s.provideToken('wrong');
  assert.equal(storage.getItem(TOKEN_KEY), 'wrong');
  ws = FakeSocket.last();
  ws.open();
  ws.receive({ ...WELCOME, auth_required: true });
  const auth = ws.sent[0];
  assert.deepEqual([auth.cmd, auth.token], ['auth', 'wrong']);
  ws.receive({ CHANNEL: '', cmd: 'error', error: 'token refused', XID: auth.XID });
  await settle();
  assert.equal(s.status.state, 'token');
  assert.equal(s.status.detail, 'the controller refused the token: token refused');
  assert.equal(storage.getItem(TOKEN_KEY), null);
  const count = FakeSocket.all.length;
  ws.drop(1008);
  timers.advance(60_000);
  assert.equal(FakeSocket.all.length, count, 'no blind retry');
  s.provideToken('good');
  ws = FakeSocket.last();
  ws.open();
  ws.receive({ ...WELCOME, auth_required: true });
  ws.receive({ CHANNEL: '', cmd: 'authenticated', role: 'read', XID: ws.sent[0].XID });
  await settle();
  assert.equal(ws.sent[1].cmd, 'join_channel');
  assert.equal(s.status.role, 'read');
});

test('a level change refused by the controller says why; one taken resolves; a timed one has its answer', async () => {
  const { s } = session();
  await live(FakeSocket.last());
  const ws = FakeSocket.last();
  let p = s.setLevel('openflow', 'DEBUG');
  let [set, probe] = ws.sent.slice(-2);
  assert.deepEqual(set.setLevels, { openflow: 'DEBUG' });
  assert.equal(set.CHANNEL, 'log_c1');
  ws.receive({ CHANNEL: '', cmd: 'error', error: "this needs the 'admin' right", XID: set.XID });
  ws.receive({ CHANNEL: '', test: 'LEVELS', XID: probe.XID });
  await assert.rejects(p, /admin/);

  p = s.setLevel('openflow', 'DEBUG');
  [set, probe] = ws.sent.slice(-2);
  ws.receive({ CHANNEL: '', test: 'LEVELS', XID: probe.XID });
  assert.deepEqual(await p, {});

  p = s.setLevel('openflow', 'TRACE', 300);
  [set, probe] = ws.sent.slice(-2);
  assert.deepEqual([set.setLevels.openflow, set.for], [5, 300]);
  ws.receive({ CHANNEL: '', cmd: 'levels_timed', levels_timed: { openflow: { until: 1, revert_to: null } }, XID: set.XID });
  ws.receive({ CHANNEL: '', test: 'LEVELS', XID: probe.XID });
  assert.deepEqual((await p).levels_timed.openflow, { until: 1, revert_to: null });

  const levels = s.getLevels();
  const req = ws.sent[ws.sent.length - 1];
  assert.deepEqual([req.CHANNEL, req.cmd], ['log', 'get_levels']);
  ws.receive({ CHANNEL: 'log', levels: { '': { configured: 'INFO', effective: 'INFO' } }, total: 1, truncated: false, XID: req.XID });
  assert.equal((await levels).total, 1);
});

test('timed changes are not sent to a controller that cannot time them', async () => {
  const { s } = session();
  await live(FakeSocket.last(), { ...WELCOME, features: ['seq', 'since', 'get_levels'] });
  await assert.rejects(s.setLevel('x', 'DEBUG', 60), /no level_for/);
});

test('a narrower filter is sent as settings; a wider one joins again for a backlog that passes it', async () => {
  const { s, resets } = session({ filter: makeFilter({ level: 'INFO' }) });
  await live(FakeSocket.last());
  const ws = FakeSocket.last();
  s.setFilter(makeFilter({ level: 'ERROR', hide: ['web'] }));
  assert.deepEqual(ws.sent[ws.sent.length - 1], { CHANNEL: 'log_c1', level: 40, subsystems: '', grep: null, exclude: '\\A(?:web)[.\\n]' });
  s.setFilter(makeFilter({ level: 'ERROR', hide: ['web'], search: 'x' }));
  const n = ws.sent.length;
  s.setFilter(makeFilter({ level: 'DEBUG' }));
  const [leave, join] = ws.sent.slice(n, n + 2);
  assert.deepEqual(leave, { CHANNEL: '', cmd: 'leave_channel', channel: 'log_c1' });
  assert.deepEqual([join.channel, join.level, join.backlog], ['log_c2', 10, 500]);
  assert.equal(resets(), 1);
  ws.receive(record('log_c1', 5));
  ws.receive(record('log_c2', 3));
  assert.deepEqual(s.take().map((r) => r.seq), [3], 'the old channel\'s records are no longer taken');
});

test('a regex the controller refuses is applied here only, and the join is made again without it', async () => {
  const { s, errors } = session({ filter: makeFilter({ grep: '(?<=a)b' }) });
  const ws = FakeSocket.last();
  ws.open();
  ws.receive(WELCOME);
  await settle();
  const [join, probe] = ws.sent;
  assert.equal(join.grep, '(?i:(?<=a)b)');
  ws.receive({ CHANNEL: '', cmd: 'error', error: "'grep' is not a valid RE2 pattern", XID: join.XID });
  ws.receive({ CHANNEL: '', test: 'X', XID: probe.XID });
  await settle();
  const again = ws.sent[2];
  assert.equal(again.cmd, 'join_channel');
  assert.equal(again.grep, undefined);
  assert.match(errors[0], /applied here only/);
  ws.receive({ CHANNEL: '', test: 'X', XID: ws.sent[3].XID });
  await settle();
  assert.equal(s.status.state, 'connected');
});

test('a controller without the log service is said so, and not joined', async () => {
  const { s } = session();
  const ws = FakeSocket.last();
  ws.open();
  ws.receive({ ...WELCOME, features: ['auth'] });
  assert.equal(s.status.state, 'nolog');
  assert.equal(ws.sent.length, 0);
});

test('offers poxlog-jsonl; chosen, each frame is lines, several messages each, a newline inside a message escaped', async () => {
  const { s, errors } = session();
  const ws = FakeSocket.last();
  assert.deepEqual(ws.protocols, ['poxlog-jsonl']);
  ws.open('poxlog-jsonl');
  ws.receiveLines(WELCOME);
  await settle();
  const probe = ws.sent.find((m) => m.test !== undefined);
  ws.receiveLines({ CHANNEL: '', test: 'LOG_C1', XID: probe.XID });
  await settle();
  assert.equal(s.status.state, 'connected');
  ws.receiveLines(record('log_c1', 1), record('log_c1', 2, { message: 'two\nlines "quoted"\r\n' }), record('log_other', 3),
    record('log_c1', 4), { CHANNEL: 'log_c1', message: 'pox style', levelname: 'INFO' });
  const got = s.take();
  assert.deepEqual(got.map((r) => r.seq), [1, 2, 4, -1]);
  assert.equal(got[1].message, 'two\nlines "quoted"\r\n');
  assert.equal(got[3].message, 'pox style');
  assert.equal(JSON.parse(got[1].raw).seq, 2, 'each record keeps its own line, not the frame');
  // a last line without its newline is a message still
  ws.onmessage({ data: `${JSON.stringify(record('log_c1', 5))}\n${JSON.stringify(record('log_c1', 6))}` });
  assert.deepEqual(s.take().map((r) => r.seq), [5, 6]);
  assert.deepEqual(errors, []);
});

test('without the subprotocol chosen each frame is one message, as before', async () => {
  const { s, errors } = session();
  const ws = FakeSocket.last();
  await live(ws);
  assert.equal(ws.protocol, '');
  ws.receive(record('log_c1', 1, { message: 'a\nb' }));
  ws.receive(`${JSON.stringify(record('log_c1', 2))}\n${JSON.stringify(record('log_c1', 3))}\n`);
  assert.deepEqual(s.take().map((r) => r.seq), [1]);
  assert.equal(errors.length, 1, 'two messages in one frame are not one message');
  assert.match(errors[0], /not JSON/);
});
