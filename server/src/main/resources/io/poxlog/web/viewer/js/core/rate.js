// Records per second over the last few seconds, for the status bar. DOM-free.

export class RateMeter {
  constructor(windowMs = 2000) {
    this.windowMs = windowMs;
    this.samples = []; // [time, count]
  }

  add(n, nowMs) {
    this.samples.push([nowMs, n]);
    this.trim(nowMs);
  }

  trim(nowMs) {
    while (this.samples.length && this.samples[0][0] < nowMs - this.windowMs) this.samples.shift();
  }

  perSecond(nowMs) {
    this.trim(nowMs);
    const sum = this.samples.reduce((s, [, n]) => s + n, 0);
    return Math.round((sum * 1000) / this.windowMs);
  }
}
