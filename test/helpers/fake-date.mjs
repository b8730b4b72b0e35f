// Preloaded into a bot child process (NODE_OPTIONS=--import=…/fake-date.mjs) to set its clock without waiting:
// FAKE_NOW=<ISO instant> makes `Date.now()` and `new Date()` start there and run on at real speed. Only Date
// is faked; timers stay real (so the bot's own timers and I/O behave normally).
const start = process.env.FAKE_NOW ? Date.parse(process.env.FAKE_NOW) : NaN;
if (!Number.isNaN(start)) {
  const RealDate = Date;
  const offset = start - RealDate.now();
  class FakeDate extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(RealDate.now() + offset);
      else super(...args);
    }
    static now() {
      return RealDate.now() + offset;
    }
  }
  globalThis.Date = FakeDate;
}
