import test from 'node:test';
import assert from 'node:assert/strict';
import { Pacer } from '../../main/resources/io/poxlog/web/viewer/js/core/pacer.js';
import { FakeTimers } from './fakes.mjs';

/** A pacer over fake frames (run by runFrames) and fake timers; draws counts its draws. */
function pacer(everyMs) {
  const timers = new FakeTimers();
  const frames = [];
  const p = new Pacer(() => p.draws++, everyMs, { frame: (f) => frames.push(f), timers, now: () => timers.now });
  p.draws = 0;
  const runFrames = () => frames.splice(0).forEach((f) => f());
  return { p, timers, runFrames, frames };
}

test('records coming draw at most once every everyMs, however many frames ask; the last ask is drawn', () => {
  const { p, timers, runFrames } = pacer(100);
  p.soon();
  runFrames();
  assert.equal(p.draws, 1, 'the first at the next frame');
  for (let t = 0; t < 1000; t += 16) {
    p.soon();
    timers.advance(16);
    runFrames();
  }
  assert.ok(p.draws >= 10 && p.draws <= 11, `about 10 draws in a second of frames, not 62: ${p.draws}`);
  const before = p.draws;
  p.soon();
  timers.advance(100);
  runFrames();
  assert.equal(p.draws, before + 1, 'an ask within everyMs of the last draw is drawn after it');
});

test('next draws at the next frame even right after a draw, and once however often it is asked', () => {
  const { p, runFrames, frames } = pacer(100);
  p.soon();
  runFrames();
  p.next();
  p.next();
  p.soon();
  assert.equal(frames.length, 1);
  runFrames();
  assert.equal(p.draws, 2);
});
