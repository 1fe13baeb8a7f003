// Login throttling per client address, in memory: a sliding window of attempts. Accounts are also
// locked after repeated failures (service.ts), which holds across processes; this limit stops one
// address from trying many accounts.

export class AttemptThrottle {
  private readonly attempts = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records an attempt; false when the address has used up its window. */
  allow(key: string): boolean {
    const now = this.now();
    const recent = (this.attempts.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (recent.length >= this.limit) {
      this.attempts.set(key, recent);
      return false;
    }
    recent.push(now);
    this.attempts.set(key, recent);
    if (this.attempts.size > 10_000) this.prune(now);
    return true;
  }

  /** Seconds until the oldest attempt leaves the window. */
  retryAfter(key: string): number {
    const oldest = (this.attempts.get(key) ?? [])[0];
    return oldest === undefined ? 0 : Math.ceil((this.windowMs - (this.now() - oldest)) / 1000);
  }

  private prune(now: number) {
    for (const [key, times] of this.attempts)
      if (times.every((t) => now - t >= this.windowMs)) this.attempts.delete(key);
  }
}
