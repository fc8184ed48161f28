import { describe, expect, it } from 'vitest';
import { followedClock } from '../../src/server/clock.ts';

describe('a clock that follows the database', () => {
  it("keeps this machine's time until the first reading, then the other clock's offset", async () => {
    const clock = followedClock(async () => Date.now() + 120_000);
    try {
      expect(Math.abs(clock.now().getTime() - Date.now())).toBeLessThan(1000);
      await clock.sync();
      const ahead = clock.now().getTime() - Date.now();
      expect(ahead).toBeGreaterThan(119_000);
      expect(ahead).toBeLessThan(121_000);
    } finally {
      clock.stop();
    }
  });

  it('keeps the last offset when a reading fails', async () => {
    let fail = false;
    const clock = followedClock(async () => {
      if (fail) throw new Error('database away');
      return Date.now() - 60_000;
    });
    try {
      await clock.sync();
      fail = true;
      await expect(clock.sync()).rejects.toThrow('database away');
      const behind = Date.now() - clock.now().getTime();
      expect(behind).toBeGreaterThan(59_000);
      expect(behind).toBeLessThan(61_000);
    } finally {
      clock.stop();
    }
  });
});
