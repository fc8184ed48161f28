import { describe, expect, it } from 'vitest';
import { classifyGammuFailure } from '../../src/server/transports/gammu-transport.ts';
import { classifyFetchFailure, classifyHttpStatus } from '../../src/server/transports/http-failure.ts';
import { classifySmtpFailure } from '../../src/server/transports/smtp-failure.ts';
import { TransportError } from '../../src/server/transports/transport.ts';

const smtpError = (fields: Record<string, unknown>) => Object.assign(new Error('smtp fout'), fields);

describe('classifySmtpFailure', () => {
  it.each([
    [{ code: 'EENVELOPE', responseCode: 421, command: 'RCPT TO' }, 'transient', 'smtp-421'],
    [{ code: 'EENVELOPE', responseCode: 451, command: 'RCPT TO' }, 'transient', 'smtp-451'],
    [{ code: 'EMESSAGE', responseCode: 452, command: 'DATA' }, 'transient', 'smtp-452'],
    [{ code: 'EENVELOPE', responseCode: 550, command: 'RCPT TO' }, 'permanent', 'smtp-550'],
    [{ code: 'EENVELOPE', responseCode: 553, command: 'MAIL FROM' }, 'permanent', 'smtp-553'],
    [{ code: 'EMESSAGE', responseCode: 554, command: 'DATA' }, 'permanent', 'smtp-554'],
    [{ code: 'EPROTOCOL', responseCode: 503, command: 'RCPT TO' }, 'transient', 'smtp-503'],
    [{ code: 'ECONNECTION', responseCode: 554, command: 'CONN' }, 'transient', 'smtp-554'],
    [{ code: 'EAUTH', responseCode: 535, command: 'AUTH PLAIN' }, 'transient', 'smtp-eauth'],
    [{ code: 'ECONNECTION', command: 'CONN' }, 'transient', 'smtp-econnection'],
    [{ code: 'ESOCKET', originalCode: 'ECONNREFUSED', command: 'CONN' }, 'transient', 'smtp-econnrefused'],
    [{ code: 'ESOCKET', originalCode: 'ECONNRESET', command: 'DATA' }, 'transient', 'smtp-econnreset'],
    [{ code: 'ETIMEDOUT', timeoutType: 'GREETING_TIMEOUT', command: 'CONN' }, 'transient', 'smtp-etimedout'],
    [{ code: 'EENVELOPE', command: 'API' }, 'permanent', 'smtp-invalid-address'],
    [{}, 'transient', 'smtp-failed'],
  ])('classifies %j as %s %s', (fields, kind, code) => {
    expect(classifySmtpFailure('smtp-1', smtpError(fields))).toMatchObject({
      kind,
      code,
      transport: 'smtp-1',
      message: 'smtp fout',
    });
  });

  it('passes a TransportError through unchanged', () => {
    const error = new TransportError('smtp-1', 'permanent', 'smtp-550', 'weg');
    expect(classifySmtpFailure('smtp-1', error)).toBe(error);
  });
});

describe('classifyHttpStatus', () => {
  it.each([
    [400, 'permanent'],
    [404, 'permanent'],
    [422, 'permanent'],
    [401, 'transient'],
    [403, 'transient'],
    [408, 'transient'],
    [429, 'transient'],
    [500, 'transient'],
    [502, 'transient'],
    [503, 'transient'],
  ] as const)('classifies HTTP %i as %s', (status, kind) => {
    expect(classifyHttpStatus('kannel', status, 'body')).toMatchObject({
      kind,
      code: `kannel-${status}`,
      transport: 'kannel',
    });
  });

  it('keeps the start of the answer in the message', () => {
    expect(classifyHttpStatus('http-sms', 400, ` ${'x'.repeat(500)}`).message).toBe(`HTTP 400: ${'x'.repeat(200)}`);
  });
});

describe('classifyFetchFailure', () => {
  it('names a timeout', () => {
    expect(classifyFetchFailure('http-sms', new DOMException('timed out', 'TimeoutError'))).toMatchObject({
      kind: 'transient',
      code: 'http-sms-timeout',
    });
  });

  it('names the socket error behind "fetch failed"', () => {
    const error = new TypeError('fetch failed', {
      cause: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }),
    });
    expect(classifyFetchFailure('kannel', error)).toMatchObject({
      kind: 'transient',
      code: 'kannel-econnreset',
      message: 'read ECONNRESET',
    });
  });

  it('treats anything else as an unreachable gateway', () => {
    expect(classifyFetchFailure('kannel', new Error('raar'))).toMatchObject({
      kind: 'transient',
      code: 'kannel-unreachable',
    });
  });
});

describe('classifyGammuFailure', () => {
  it('tells a hang, a missing program and a failed injection apart, all transient', () => {
    expect(classifyGammuFailure('gammu', { killed: true, stderr: '' })).toMatchObject({
      kind: 'transient',
      code: 'gammu-timeout',
    });
    expect(classifyGammuFailure('gammu', { code: 'ENOENT', stderr: '' })).toMatchObject({
      kind: 'transient',
      code: 'gammu-missing',
    });
    expect(
      classifyGammuFailure('gammu', { code: 2, stderr: 'Warning: x\nFailed to read config: Unknown error.\n' }),
    ).toMatchObject({
      kind: 'transient',
      code: 'gammu-inject-failed',
      message: 'Failed to read config: Unknown error.',
    });
  });
});
