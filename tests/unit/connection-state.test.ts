import { describe, expect, it } from 'vitest';
import { connectionState, connectionText, isHubAnswer } from '../../src/client/connection-state.ts';

describe('connectionState', () => {
  it.each([
    [true, true, 'online'],
    [false, true, 'online'],
    [true, false, 'unreachable'],
    [false, false, 'offline'],
    [false, undefined, 'offline'],
    [true, undefined, undefined],
  ] as const)('device online %s, hub answered %s: %s', (deviceOnline, hubReachable, expected) => {
    expect(connectionState(deviceOnline, hubReachable)).toBe(expected);
  });
});

describe('connectionText', () => {
  const shownAt = new Date('2026-11-25T20:05:00Z');
  it('names the age of what is shown when Baken does not answer', () => {
    expect(connectionText('online', shownAt)).toBe('U bent online.');
    expect(connectionText('unreachable', shownAt)).toBe(
      'Baken is niet bereikbaar — u ziet de opgeslagen versie van 25 november 2026 om 21:05.',
    );
    expect(connectionText('offline', shownAt)).toBe(
      'U bent offline — u ziet de opgeslagen versie van 25 november 2026 om 21:05.',
    );
  });
});

describe('isHubAnswer', () => {
  it('accepts any health object with a status, extra fields included, and nothing else', () => {
    expect(isHubAnswer({ status: 'ok' })).toBe(true);
    expect(isHubAnswer({ status: 'degraded', providers: { sms: 'down' } })).toBe(true);
    expect(isHubAnswer({ ok: true })).toBe(false);
    expect(isHubAnswer(null)).toBe(false);
    expect(isHubAnswer('ok')).toBe(false);
  });
});
