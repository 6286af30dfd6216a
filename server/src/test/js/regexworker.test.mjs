import test from 'node:test';
import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import { judge, compilePatterns, marksIn, CHUNK } from '../../main/resources/io/poxlog/web/viewer/js/core/regexjob.js';
import { RegexWorker } from '../../main/resources/io/poxlog/web/viewer/js/core/regexworker.js';
import { nextMatch } from '../../main/resources/io/poxlog/web/viewer/js/core/search.js';
import { matcher, makeFilter } from '../../main/resources/io/poxlog/web/viewer/js/core/filters.js';

const CATASTROPHIC = '(a+)+$';
const EVIL = 'a'.repeat(60) + 'b';

/** A node worker with the browser Worker's face: postMessage, terminate, onmessage({data}). */
function nodeWorker() {
  const w = new Worker(new URL('./regex-worker-host.mjs', import.meta.url));
  const face = { onmessage: null, postMessage: (m) => w.postMessage(m), terminate: () => { face.terminated = true; return w.terminate(); } };
  w.on('message', (data) => face.onmessage?.({ data }));
  return face;
}

const batch = (n, text = (i) => `m${i}`) => {
  const ids = []; const names = []; const messages = [];
  for (let i = 0; i < n; i++) { ids.push(i); names.push(`l${i % 3}`); messages.push(text(i)); }
  return { seq: 1, ids, names, messages };
};

test('a batch is judged in chunks, a progress report before each', () => {
  const posts = [];
  judge(compilePatterns({ grep: 'm1', exclude: 'm11' }), batch(1200), (m) => posts.push(m));
  const progress = posts.filter((m) => m.type === 'progress');
  assert.deepEqual(progress.map((m) => m.done), [0, CHUNK, 2 * CHUNK]);
  assert.ok(progress.every((m) => m.total === 1200));
  const result = posts.at(-1);
  assert.equal(result.type, 'result');
  assert.ok(result.pass.includes(1) && result.pass.includes(100) && !result.pass.includes(11) && !result.pass.includes(110) && !result.pass.includes(2));
  assert.equal(result.marks, null);
});

test('a search finds the logger or the message, with the marks of the row as the list shows it', () => {
  const posts = [];
  judge(compilePatterns({ search: 'l2|x' }), { seq: 3, ids: [7, 8, 9], names: ['l1', 'l2', 'l1'], messages: ['axbx', 'none', 'none'] }, (m) => posts.push(m));
  const r = posts.at(-1);
  assert.deepEqual(r.pass, [7, 8]);
  assert.deepEqual(r.marks, [[1, 2, 3, 4], []]);
  assert.deepEqual(marksIn(/a*/m, 'baab'), [1, 3], 'empty matches are skipped');
});

test('with the worker\'s verdict, the store\'s matcher runs no regex of its own', () => {
  const f = makeFilter({ grep: CATASTROPHIC });
  const test = matcher({ ...f, regexPass: (r) => r.id === 1 });
  const started = Date.now();
  assert.equal(test({ kind: 'record', id: 1, levelno: 20, name: 'x', message: EVIL }), true);
  assert.equal(test({ kind: 'record', id: 2, levelno: 20, name: 'x', message: EVIL }), false);
  assert.ok(Date.now() - started < 1000);
  assert.equal(matcher(makeFilter({ grep: 'y' }))({ kind: 'record', id: 2, levelno: 20, name: 'x', message: 'y' }), true);
});

test('nextMatch goes older or newer among the matches shown, wrapping around once', () => {
  const found = [2, 5, 7, 9];
  const shows = (id) => id !== 7;
  assert.deepEqual(nextMatch(found, shows, 8, true), { id: 5, wrapped: false });
  assert.deepEqual(nextMatch(found, shows, 1, true), { id: 9, wrapped: true });
  assert.deepEqual(nextMatch(found, shows, 6, false), { id: 9, wrapped: false });
  assert.deepEqual(nextMatch(found, shows, 10, false), { id: 2, wrapped: true });
  assert.equal(nextMatch(found, () => false, 3, true), null);
  assert.equal(nextMatch([], shows, 3, true), null);
});

test('a real worker judges batches in order, with progress', async () => {
  const progress = [];
  const w = new RegexWorker({ makeWorker: nodeWorker, onProgress: (p) => progress.push(p), onSlow: () => assert.fail('not slow') });
  w.set({ grep: 'm1' });
  const recs = Array.from({ length: 2000 }, (_, i) => ({ id: i, name: 'l', message: `m${i}` }));
  const [a, b] = await Promise.all([w.test(recs), w.test([{ id: 5000, name: 'l', message: 'm1' }])]);
  assert.equal(a.pass.length, 1 + 10 + 100 + 1000);
  assert.deepEqual(b.pass, [5000]);
  assert.ok(progress.some((p) => p.done === 1500 && p.total === 2000), JSON.stringify(progress.slice(0, 5)));
  assert.equal(w.busy, false);
  w.stop();
});

test('a catastrophic pattern is declared too slow, its worker terminated, and the thread that asked stays free', async () => {
  let made = 0;
  let lastWorker = null;
  const slow = new Promise((resolve) => {
    const w = new RegexWorker({
      makeWorker: () => { made++; lastWorker = nodeWorker(); return lastWorker; }, slowMs: 1000,
      onSlow: (patterns, info) => resolve({ w, patterns, info }),
    });
    w.set({ exclude: CATASTROPHIC });
    const recs = Array.from({ length: 1200 }, (_, i) => ({ id: i, name: 'l', message: i === 700 ? EVIL : `m${i}` }));
    w.test(recs).then(() => assert.fail('a catastrophic batch is never answered'));
  });
  // This thread goes on: timers fire while the worker is stuck.
  let ticks = 0;
  const ticker = setInterval(() => ticks++, 50);
  const started = Date.now();
  const { w, patterns, info } = await slow;
  clearInterval(ticker);
  assert.deepEqual(patterns, { exclude: CATASTROPHIC });
  assert.equal(info.done, CHUNK, 'the first chunk was done, the second never');
  assert.equal(info.total, 1200);
  assert.ok(ticks >= 10, `ticks ${ticks} in ${Date.now() - started} ms`);
  assert.equal(lastWorker.terminated, true);
  assert.equal(w.busy, false);
  assert.equal(w.patterns, null);
  // A new pattern gets a new worker that answers.
  w.set({ grep: 'm' });
  const r = await w.test([{ id: 1, name: 'l', message: 'm' }]);
  assert.deepEqual(r.pass, [1]);
  assert.equal(made, 2);
  w.stop();
});

test('new patterns terminate the worker at work: its batches are never answered', async () => {
  const workers = [];
  const w = new RegexWorker({ makeWorker: () => { const x = nodeWorker(); workers.push(x); return x; }, slowMs: 60_000 });
  w.set({ search: CATASTROPHIC });
  let oldAnswered = false;
  w.test([{ id: 1, name: 'l', message: EVIL }]).then(() => { oldAnswered = true; });
  w.set({ search: 'b$' });
  assert.equal(workers[0].terminated, true);
  const r = await w.test([{ id: 1, name: 'l', message: EVIL }]);
  assert.deepEqual(r.pass, [1]);
  assert.equal(oldAnswered, false);
  w.stop();
});
