import { describe, expect, it } from 'vitest';
import { createBroadcastSchema } from '../../src/schemas/broadcast.ts';

const base = { script: 'zorg-stroomuitval', channels: ['email'] };

describe('the validity a coordinator chooses', () => {
  it('accepts whole hours from a form or JSON, and leaves an empty field to the default', () => {
    expect(createBroadcastSchema.parse({ ...base, validHours: '12' }).validHours).toBe(12);
    expect(createBroadcastSchema.parse({ ...base, validHours: 3 }).validHours).toBe(3);
    expect(createBroadcastSchema.parse({ ...base, validHours: '' }).validHours).toBeUndefined();
    expect(createBroadcastSchema.parse(base).validHours).toBeUndefined();
  });

  it('explains a wrong value in Dutch', () => {
    const messages = (validHours: unknown) =>
      createBroadcastSchema.safeParse({ ...base, validHours }).error?.issues.map((i) => i.message);
    expect(messages('0')).toEqual(['minstens 1 uur']);
    expect(messages('1000')).toEqual(['hoogstens 336 uur (twee weken)']);
    expect(messages('1,5')).toEqual(['vul een aantal uren in']);
    expect(messages('1.5')).toEqual(['vul een heel aantal uren in']);
  });
});
