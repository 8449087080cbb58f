/* global process */
// Loaded with `node --import` into a bot process: its wall clock (Date) runs CLOCK_AHEAD_MS ahead, as on a host whose
// clock is off. Timers and performance.now() are untouched, as they are on such a host.
const aheadMs = Number(process.env.CLOCK_AHEAD_MS ?? 0);
const RealDate = Date;

class DateAhead extends RealDate {
  constructor(...args) {
    if (args.length === 0) super(RealDate.now() + aheadMs);
    else super(...args);
  }

  static now() {
    return RealDate.now() + aheadMs;
  }
}

globalThis.Date = DateAhead;
