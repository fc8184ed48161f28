/** The time, behind an interface so rules and tests can fix it. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that stands still until moved; for tests and simulations. */
export function manualClock(start: Date): Clock & { advance(ms: number): void; set(date: Date): void } {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    advance: (ms) => {
      current += ms;
    },
    set: (date) => {
      current = date.getTime();
    },
  };
}

/**
 * The time of another clock (the database's), read every `refreshMs` and kept as an offset
 * from this machine's clock, so processes on machines whose clocks drift apart still agree on
 * leases, retries and rate limits. Until the first reading it is this machine's time.
 */
export function followedClock(
  read: () => Promise<number>,
  refreshMs = 30_000,
): Clock & { sync(): Promise<void>; stop(): void } {
  let offset = 0;
  const sync = async () => {
    const before = Date.now();
    const other = await read();
    // Half the round trip: the reading was taken somewhere in between.
    offset = other - (before + Date.now()) / 2;
  };
  const timer = setInterval(() => {
    sync().catch((error: unknown) => console.error('Baken: tijd van de database niet gelezen:', error));
  }, refreshMs);
  timer.unref();
  return { now: () => new Date(Date.now() + offset), sync, stop: () => clearInterval(timer) };
}
