import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeSms } from '../../src/sms/segment-sms.ts';
import { parseKannelDlr, type KannelDlr } from '../../src/server/transports/kannel-dlr.ts';
import { createKannelTransport } from '../../src/server/transports/kannel-transport.ts';
import { TransportError, type SmsMessage, type SmsTransport } from '../../src/server/transports/transport.ts';
import { freePort } from '../helpers/free-port.ts';
import { decodeText, startKannel, type FakeSmscMessage, type RunningKannel } from '../helpers/kannel.ts';
import { waitFor } from '../helpers/wait-for.ts';

let kannel: RunningKannel;
let dlrServer: Server;
const reports: KannelDlr[] = [];
let transport: SmsTransport;

beforeAll(async () => {
  dlrServer = createServer((request, response) => {
    const dlr = parseKannelDlr(new URL(request.url ?? '/', 'http://localhost').searchParams);
    if (dlr) reports.push(dlr);
    response.writeHead(dlr ? 200 : 400).end();
  });
  await new Promise<void>((resolve) => dlrServer.listen(0, '127.0.0.1', resolve));
  kannel = await startKannel();
  const { port } = dlrServer.address() as AddressInfo;
  transport = createKannelTransport({ url: kannel.sendsmsUrl, from: 'Baken', publicUrl: `http://127.0.0.1:${port}` });
});
afterAll(async () => {
  await kannel?.stop();
  await new Promise((resolve) => dlrServer?.close(resolve));
});

function sms(to: string, text: string, idempotencyKey = `key-${to}`): SmsMessage {
  return { channel: 'sms', to, text, idempotencyKey };
}

/** Waits until the fake SMSC has every part of the message to `to`. */
function partsFor(to: string, segments: number): Promise<FakeSmscMessage[]> {
  return waitFor(`${segments} part(s) for ${to}`, () => {
    const parts = kannel.received.filter((message) => message.to === to);
    return parts.length >= segments ? parts : undefined;
  });
}

describe('the Kannel transport through bearerbox, smsbox and fakesmsc', () => {
  it('delivers a GSM-7 text, extension characters included', async () => {
    const text = 'Stroomstoring: de school is open tot 15:00. Kosten [geen] €0. Zie www.example.nl';
    expect(analyzeSms(text).encoding).toBe('GSM-7');
    await transport.send(sms('+31612340001', text));
    const parts = await partsFor('+31612340001', 1);
    expect(parts).toHaveLength(1);
    expect(parts[0]).toMatchObject({ from: 'Baken', kind: 'text' });
    expect(decodeText(parts, 'GSM-7')).toBe(text);
  });

  it('sends a text outside GSM-7 as UCS-2', async () => {
    const text = 'Stroom uit – blijf binnen 🙏 Şükrü, bel 112 bij nood';
    expect(analyzeSms(text).encoding).toBe('UCS-2');
    await transport.send(sms('+31612340002', text));
    const parts = await partsFor('+31612340002', 1);
    expect(parts[0]?.kind).toBe('ucs-2');
    expect(decodeText(parts, 'UCS-2')).toBe(text);
  });

  it('splits a long text into three concatenated parts that join up again', async () => {
    const text = 'Belangrijk: door een storing werkt internet niet. Scholen blijven open. '.repeat(6).trim();
    expect(analyzeSms(text)).toMatchObject({ encoding: 'GSM-7', segments: 3 });
    await transport.send(sms('+31612340003', text));
    const parts = await partsFor('+31612340003', 3);
    expect(parts).toHaveLength(3);
    expect(parts.map((part) => part.part)).toEqual(
      expect.arrayContaining([1, 2, 3].map((number) => expect.objectContaining({ total: 3, number }))),
    );
    expect(decodeText(parts, 'GSM-7')).toBe(text);
  });

  it('gets delivery reports back carrying the idempotency key', async () => {
    // 'ë' encodes to %C3%AB, and %C is one of Kannel's own escape codes.
    const key = 'broadcast:9/recipiënt:4 sms';
    await transport.send(sms('+31612340004', 'Test met ontvangstbevestiging', key));
    const states = await waitFor('a delivered report', () => {
      const mine = reports.filter((report) => report.idempotencyKey === key).map((report) => report.state);
      return mine.includes('delivered') ? mine : undefined;
    });
    expect(states).toContain('submitted');
  });

  it('reports wrong credentials as transient, so another provider can take over', async () => {
    const url = new URL(kannel.sendsmsUrl);
    url.searchParams.set('password', 'fout');
    const wrong = createKannelTransport({ url: url.href, from: 'Baken' });
    const error = await wrong.send(sms('+31612340005', 'Komt niet aan')).catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(TransportError);
    expect(error).toMatchObject({ kind: 'transient', code: 'kannel-403' });
  });

  it('reports a Kannel that is down as transient', async () => {
    const down = createKannelTransport({ url: `http://127.0.0.1:${await freePort()}/cgi-bin/sendsms?username=baken&password=x`, from: 'Baken' });
    const error = await down.send(sms('+31612340006', 'Komt niet aan')).catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(TransportError);
    expect(error).toMatchObject({ kind: 'transient', code: 'kannel-econnrefused', transport: 'kannel' });
  });
});
