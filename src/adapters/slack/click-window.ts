// Double clicks: the same member pressing the same control twice within a moment is one click. Kept in memory
// only: the key names the member and the option they chose, which must never reach the database (anonymous
// polls), and a one-second window has no need to survive a restart. Slack's re-deliveries of one click are
// caught separately, by trigger_id, in the store.
export class ClickWindow {
  private readonly seen = new Map<string, number>();
  constructor(
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** True the first time `key` is seen within the window. */
  first(key: string): boolean {
    const t = this.now();
    for (const [k, at] of this.seen) {
      if (t - at < this.windowMs) break; // insertion order: the rest are newer
      this.seen.delete(k);
    }
    if (this.seen.has(key)) return false;
    this.seen.set(key, t);
    return true;
  }
}
