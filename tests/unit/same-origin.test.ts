import { describe, expect, it } from 'vitest';
import { isSameOriginRequest } from '../../src/server/http/same-origin.ts';

const url = new URL('http://127.0.0.1:4321/api/broadcasts');

describe('isSameOriginRequest', () => {
  it('allows safe methods from anywhere', () => {
    expect(isSameOriginRequest('GET', url, new Headers({ origin: 'https://evil.example' }))).toBe(true);
  });

  it('refuses a POST from another origin or a cross-site fetch', () => {
    expect(isSameOriginRequest('POST', url, new Headers({ origin: 'https://evil.example' }))).toBe(false);
    expect(isSameOriginRequest('POST', url, new Headers({ origin: 'null' }))).toBe(false);
    expect(isSameOriginRequest('DELETE', url, new Headers({ 'sec-fetch-site': 'cross-site' }))).toBe(false);
  });

  it('allows a POST from this origin, or from a client that is not a browser', () => {
    expect(isSameOriginRequest('POST', url, new Headers({ origin: 'http://127.0.0.1:4321' }))).toBe(true);
    expect(isSameOriginRequest('POST', url, new Headers())).toBe(true);
  });

  it('behind a TLS proxy also accepts the https origin of BAKEN_PUBLIC_URL, and no other', () => {
    const behindProxy = new URL('http://baken.example.nl/api/broadcasts');
    expect(isSameOriginRequest('POST', behindProxy, new Headers({ origin: 'https://baken.example.nl' }))).toBe(false);
    expect(
      isSameOriginRequest(
        'POST',
        behindProxy,
        new Headers({ origin: 'https://baken.example.nl' }),
        'https://baken.example.nl',
      ),
    ).toBe(true);
    expect(
      isSameOriginRequest(
        'POST',
        behindProxy,
        new Headers({ origin: 'https://evil.example' }),
        'https://baken.example.nl',
      ),
    ).toBe(false);
  });
});
