import test from 'node:test';
import assert from 'node:assert/strict';
import { RecordStore, withoutChannel } from '../../main/resources/io/poxlog/web/viewer/js/core/store.js';
import { makeFilter } from '../../main/resources/io/poxlog/web/viewer/js/core/filters.js';

const rec = (i, extra = {}) => ({ seq: i, created: i, levelno: i % 2 ? 30 : 10, levelname: i % 2 ? 'WARNING' : 'DEBUG', name: `l${i % 3}`, message: `m${i}`,
  raw: JSON.stringify({ CHANNEL: 'log_x', seq: i, message: `m${i}` }), kind: 'record', ...extra });

test('holds at most its capacity, the oldest going first, and the view follows', () => {
  const s = new RecordStore({ capacity: 100 });
  for (let i = 0; i < 250; i++) s.add(rec(i));
  assert.equal(s.size, 100);
  assert.equal(s.viewSize, 100);
  assert.equal(s.viewAt(0).seq, 150);
  assert.equal(s.viewAt(99).seq, 249);
  assert.equal(s.get(149), undefined);
  assert.equal(s.evicted, 150);
});

test('100,000 records, filtered, evicted and found again', () => {
  const s = new RecordStore();
  for (let i = 0; i < 120_000; i++) s.add(rec(i));
  assert.equal(s.size, 100_000);
  s.setFilter(makeFilter({ level: 'WARNING' }));
  assert.equal(s.viewSize, 50_000);
  for (let i = 120_000; i < 121_000; i++) s.add(rec(i));
  assert.equal(s.viewSize, 50_000);
  assert.equal(s.viewAt(0).seq, 21_001);
  assert.equal(s.viewIndexOf(s.viewAt(10).id), 10);
});

test('a byte budget makes the oldest go too', () => {
  const s = new RecordStore({ capacity: 1000, maxBytes: 10_000 });
  for (let i = 0; i < 1000; i++) s.add(rec(i, { message: 'x'.repeat(500) }));
  assert.ok(s.bytes <= 10_000, `bytes ${s.bytes}`);
  assert.ok(s.size < 20 && s.size > 5, `size ${s.size}`);
});

test('find goes older or newer from a start, wrapping around, and skips the page\'s marks', () => {
  const s = new RecordStore();
  for (let i = 0; i < 10; i++) s.add(rec(i));
  s.add(rec(10, { kind: 'marker', message: 'm5 marker' }));
  const re = /m[57]$/;
  assert.equal(s.viewAt(s.find(re, 10, true)).seq, 7);
  assert.equal(s.viewAt(s.find(re, 6, true)).seq, 5);
  assert.equal(s.viewAt(s.find(re, 4, true)).seq, 7, 'wraps around');
  assert.equal(s.viewAt(s.find(re, 6, false)).seq, 7);
  assert.equal(s.find(/nothing/, 3, true), -1);
});

test('the download is the records shown, each as received without CHANNEL', () => {
  const s = new RecordStore();
  for (let i = 0; i < 4; i++) s.add(rec(i));
  s.add({ ...rec(4), kind: 'marker', raw: null });
  s.setFilter(makeFilter({ level: 'WARNING' }));
  assert.deepEqual([...s.jsonLines()], ['{"seq":1,"message":"m1"}\n', '{"seq":3,"message":"m3"}\n']);
  assert.equal(withoutChannel('{"CHANNEL":"x","a":"<b>"}'), '{"a":"<b>"}');
});

test('clear forgets the records, the ids go on', () => {
  const s = new RecordStore();
  for (let i = 0; i < 5; i++) s.add(rec(i));
  s.clear();
  assert.equal(s.size, 0);
  assert.equal(s.viewSize, 0);
  s.add(rec(9));
  assert.equal(s.viewAt(0).id, 5);
});
