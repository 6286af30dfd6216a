// Draws at an animation frame, at most once every so often when asked by records coming, and at
// the next frame when asked by the person. In a flood every row of the list and every figure of
// the status bar changes every frame, and drawing them was most of the page's work: in headless
// Chromium on a loaded machine a flood was taken in at 18,281 records/s drawn each frame, 64,483
// with the list hidden (BENCHMARKS.md). DOM-free: the frame and the timers are given, so that
// node can test it.

export class Pacer {
  /**
   * @param draw what draws
   * @param everyMs the least time between two draws asked by soon()
   * @param o.frame requestAnimationFrame, or a fake
   * @param o.timers {setTimeout}
   * @param o.now milliseconds, monotonic
   */
  constructor(draw, everyMs, { frame = globalThis.requestAnimationFrame, timers = globalThis, now = () => performance.now() } = {}) {
    Object.assign(this, { draw, everyMs, frame, timers, now });
    this.asked = false;
    this.timer = null;
    this.drawnAt = -Infinity;
  }

  /** Draws at the next animation frame. */
  next() {
    if (this.asked) return;
    this.asked = true;
    this.frame.call(globalThis, () => {
      this.asked = false;
      this.drawnAt = this.now();
      this.draw();
    });
  }

  /** Draws at the first animation frame everyMs after the last draw (the next one if that is past). */
  soon() {
    if (this.asked || this.timer !== null) return;
    const wait = this.drawnAt + this.everyMs - this.now();
    if (wait <= 0) {
      this.next();
      return;
    }
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      this.next();
    }, wait);
  }
}
