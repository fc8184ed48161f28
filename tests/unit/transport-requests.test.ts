import { describe, expect, it } from 'vitest';
import { routes } from '../../src/catalog/routes.ts';
import { gammuInjectArgs } from '../../src/server/transports/gammu-transport.ts';
import {
  dlrSignature,
  kannelDlrEndpoint,
  kannelDlrUrl,
  parseKannelDlr,
} from '../../src/server/transports/kannel-dlr.ts';
import { kannelSendUrl } from '../../src/server/transports/kannel-transport.ts';
import { messageIdFor, spoolFileName } from '../../src/server/transports/message-id.ts';
import type { SmsMessage } from '../../src/server/transports/transport.ts';

const secret = Buffer.alloc(32, 7);

const sms = (text: string): SmsMessage => ({ channel: 'sms', to: '+31612345678', text, idempotencyKey: 'b1:r2' });
const kannel = {
  url: 'http://kannel.local:13013/cgi-bin/sendsms?username=baken&password=geheim&smsc=kpn',
  from: 'Baken',
};

describe('kannelSendUrl', () => {
  it('keeps the credentials and sends a GSM-7 text as UTF-8 with coding 0', () => {
    const url = kannelSendUrl(kannel, sms('Kosten: €0'));
    expect(Object.fromEntries(url.searchParams)).toEqual({
      username: 'baken',
      password: 'geheim',
      smsc: 'kpn',
      from: 'Baken',
      to: '+31612345678',
      text: 'Kosten: €0',
      charset: 'UTF-8',
      coding: '0',
    });
  });

  it('asks for UCS-2 (coding 2) when a character is outside GSM-7', () => {
    expect(kannelSendUrl(kannel, sms('Stroom uit – blijf binnen')).searchParams.get('coding')).toBe('2');
  });

  it('asks for every delivery report at the public URL when one is set', () => {
    const url = kannelSendUrl(
      {
        ...kannel,
        deliveryReports: { endpoint: kannelDlrEndpoint('https://baken.example', routes.kannelDlr), secret },
      },
      sms('Hallo'),
    );
    expect(url.searchParams.get('dlr-mask')).toBe('31');
    expect(url.searchParams.get('dlr-url')).toBe(
      `https://baken.example/api/dlr/kannel?key=b1%%3Ar2&status=%d&sig=${dlrSignature(secret, 'b1:r2')}`,
    );
  });
});

describe('kannelDlrUrl and parseKannelDlr', () => {
  const signed = (params: Record<string, string>) =>
    new URLSearchParams({ ...params, sig: dlrSignature(secret, params.key ?? '') });

  it('keeps a path prefix of the public URL', () => {
    expect(kannelDlrUrl(kannelDlrEndpoint('https://example.nl/baken', routes.kannelDlr), 'k1', secret)).toMatch(
      /^https:\/\/example\.nl\/baken\/api\/dlr\/kannel\?key=k1&status=%d&sig=[\w-]{32}$/,
    );
  });

  it('refuses a report without the signature, with one for another key, or under another secret', () => {
    expect(parseKannelDlr(new URLSearchParams({ key: 'b1:r2', status: '1' }), secret)).toBe('forged');
    expect(
      parseKannelDlr(new URLSearchParams({ key: 'b1:r2', status: '1', sig: dlrSignature(secret, 'b1:r3') }), secret),
    ).toBe('forged');
    expect(
      parseKannelDlr(
        new URLSearchParams({ key: 'b1:r2', status: '1', sig: dlrSignature(Buffer.alloc(32, 1), 'b1:r2') }),
        secret,
      ),
    ).toBe('forged');
  });

  it.each([
    ['1', 'delivered'],
    ['2', 'failed'],
    ['4', 'buffered'],
    ['8', 'submitted'],
    ['16', 'rejected'],
  ])('reads DLR type %s as %s', (status, state) => {
    expect(parseKannelDlr(signed({ key: 'b1:r2', status }), secret)).toEqual({ idempotencyKey: 'b1:r2', state });
  });

  it('gets the key back after Kannel expanded %% and %d', () => {
    // What Kannel calls after replacing %% with % and %d with the DLR type.
    const called = kannelDlrUrl(kannelDlrEndpoint('http://127.0.0.1', routes.kannelDlr), 'b1/recipiënt 2', secret)
      .replaceAll('%%', '%')
      .replace('%d', '1');
    expect(parseKannelDlr(new URL(called).searchParams, secret)).toEqual({
      idempotencyKey: 'b1/recipiënt 2',
      state: 'delivered',
    });
  });

  it('refuses a report without key or with an unknown or combined type', () => {
    expect(parseKannelDlr(signed({ status: '1' }), secret)).toBeUndefined();
    expect(parseKannelDlr(signed({ key: '', status: '1' }), secret)).toBeUndefined();
    expect(parseKannelDlr(signed({ key: 'k', status: '3' }), secret)).toBeUndefined();
    expect(parseKannelDlr(signed({ key: 'k' }), secret)).toBeUndefined();
  });
});

describe('gammuInjectArgs', () => {
  it('passes a GSM-7 text as UTF-8 with its full length', () => {
    expect(gammuInjectArgs('/etc/gammu-smsdrc', sms('Hallo €'))).toEqual([
      '-c',
      '/etc/gammu-smsdrc',
      'TEXT',
      '+31612345678',
      '-len',
      '7',
      '-textutf8',
      'Hallo €',
    ]);
  });

  it('adds -unicode for UCS-2 and counts the length in UTF-16 units', () => {
    expect(gammuInjectArgs('/etc/gammu-smsdrc', sms('Hoi 🙏'))).toEqual([
      '-c',
      '/etc/gammu-smsdrc',
      'TEXT',
      '+31612345678',
      '-len',
      '6',
      '-unicode',
      '-textutf8',
      'Hoi 🙏',
    ]);
  });
});

describe('messageIdFor and spoolFileName', () => {
  it('makes the same Message-ID for the same key, escaping what RFC 5322 does not allow', () => {
    expect(messageIdFor('b7-r1-email', 'gemeente.nl')).toBe('<b7-r1-email@gemeente.nl>');
    expect(messageIdFor('b7:r1 ë%', 'gemeente.nl')).toBe('<b7%3Ar1%20%C3%AB%25@gemeente.nl>');
  });

  it('makes a file name that cannot leave the spool folder', () => {
    expect(spoolFileName('../../etc/passwd', 'eml')).toBe('..%2F..%2Fetc%2Fpasswd.eml');
  });
});
