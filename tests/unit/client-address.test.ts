import { describe, expect, it } from 'vitest';
import { clientAddressOf, isAddressOrRange, trustedProxyList } from '../../src/server/http/client-address.ts';

const trusted = trustedProxyList(['127.0.0.1', '10.0.0.0/8', '::1']);

describe('clientAddressOf', () => {
  it('ignores X-Forwarded-For from a peer that is not a trusted proxy', () => {
    expect(clientAddressOf('203.0.113.9', '198.51.100.1', trusted)).toBe('203.0.113.9');
  });

  it('takes the rightmost hop that is not a trusted proxy, so a forged left part does not count', () => {
    expect(clientAddressOf('127.0.0.1', '1.2.3.4, 198.51.100.7', trusted)).toBe('198.51.100.7');
    expect(clientAddressOf('::ffff:127.0.0.1', '1.2.3.4, 198.51.100.7, 10.1.2.3', trusted)).toBe('198.51.100.7');
    expect(clientAddressOf('::1', '2001:db8::5', trusted)).toBe('2001:db8::5');
  });

  it('keeps the last good hop when the header holds garbage', () => {
    expect(clientAddressOf('127.0.0.1', 'nonsense, 198.51.100.7', trusted)).toBe('198.51.100.7');
    expect(clientAddressOf('127.0.0.1', '198.51.100.7, nonsense', trusted)).toBe('127.0.0.1');
  });
});

describe('isAddressOrRange', () => {
  it('accepts addresses and CIDR ranges, and nothing else', () => {
    expect(['127.0.0.1', '10.0.0.0/8', '::1', 'fd00::/8'].every(isAddressOrRange)).toBe(true);
    expect(['localhost', '10.0.0.0/33', '1.2.3', '10.0.0.0/8/1', ''].some(isAddressOrRange)).toBe(false);
  });
});
