import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGammuTransport } from '../../src/server/transports/gammu-transport.ts';
import { type SmsMessage, type SmsTransport, TransportError } from '../../src/server/transports/transport.ts';
import { analyzeSms } from '../../src/sms/segment-sms.ts';
import { type RunningGammuSmsd, startGammuSmsd } from '../helpers/gammu-smsd.ts';

let smsd: RunningGammuSmsd;
let transport: SmsTransport;

beforeAll(async () => {
  smsd = await startGammuSmsd();
  transport = createGammuTransport({ configFile: smsd.configFile });
});
afterAll(() => smsd?.stop());

function sms(to: string, text: string): SmsMessage {
  return { channel: 'sms', to, text, idempotencyKey: `key-${to}` };
}

async function sendAndWait(message: SmsMessage) {
  const receipt = await transport.send(message);
  expect(receipt.providerMessageId).toMatch(/outbox\/OUTC.+\.smsbackup$/);
  return smsd.waitForSent(receipt.providerMessageId ?? '');
}

describe('the gammu transport through gammu-smsd and the dummy phone driver', () => {
  it('sends a GSM-7 text', async () => {
    const text = 'Stroomstoring: het wijkcentrum is open tot 22:00. Kosten €0.';
    const sent = await sendAndWait(sms('+31612340101', text));
    expect(sent).toEqual({ number: '+31612340101', codings: ['Default_No_Compression'], parts: 1, text });
  });

  it('sends a text outside GSM-7 as UCS-2', async () => {
    const text = 'Stroom uit – blijf binnen 🙏 Şükrü';
    const sent = await sendAndWait(sms('+31612340102', text));
    expect(sent).toEqual({ number: '+31612340102', codings: ['Unicode_No_Compression'], parts: 1, text });
  });

  it('sends a long text as concatenated parts, as many as counted', async () => {
    const text = 'Belangrijk: door een storing werkt internet niet. Scholen blijven open. '.repeat(6).trim();
    const sent = await sendAndWait(sms('+31612340103', text));
    expect(sent.parts).toBe(analyzeSms(text).segments);
    expect(sent.text).toBe(text);
  });

  it('refuses a number that is not E.164 as permanent, without a modem attempt', async () => {
    const error = await transport.send(sms('0612345678', 'Hallo')).catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(TransportError);
    expect(error).toMatchObject({ kind: 'permanent', code: 'invalid-number', transport: 'gammu' });
  });

  it('reports a broken set-up as transient', async () => {
    const badConfig = createGammuTransport({ configFile: '/nonexistent/smsdrc' });
    await expect(badConfig.send(sms('+31612340104', 'Hallo'))).rejects.toMatchObject({
      kind: 'transient',
      code: 'gammu-inject-failed',
    });
    const missing = createGammuTransport({ configFile: smsd.configFile, command: '/nonexistent/gammu-smsd-inject' });
    await expect(missing.send(sms('+31612340105', 'Hallo'))).rejects.toMatchObject({
      kind: 'transient',
      code: 'gammu-missing',
    });
  });
});
