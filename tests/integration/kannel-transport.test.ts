import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { routes } from '../../src/catalog/routes.ts';
import { fileScriptSource } from '../../src/server/broadcast/file-script-source.ts';
import { systemClock } from '../../src/server/clock.ts';
import { createServices, type Services } from '../../src/server/services.ts';
import { dlrSignature, kannelDlrEndpoint } from '../../src/server/transports/kannel-dlr.ts';
import { createKannelTransport } from '../../src/server/transports/kannel-transport.ts';
import { type SmsMessage, type SmsTransport, TransportError } from '../../src/server/transports/transport.ts';
import { analyzeSms } from '../../src/sms/segment-sms.ts';
import { freePort } from '../helpers/free-port.ts';
import { projectRoot, type RunningHub, startHub } from '../helpers/hub-server.ts';
import { decodeText, type FakeSmscMessage, type RunningKannel, startKannel } from '../helpers/kannel.ts';
import { waitFor } from '../helpers/wait-for.ts';

let kannel: RunningKannel;
// Delivery reports go to the real hub's /api/dlr/kannel; the test shares its data folder (database and secret.key).
let hub: RunningHub;
let services: Services;
let transport: SmsTransport;

beforeAll(async () => {
  hub = await startHub();
  services = await createServices({
    database: { sqlite: join(hub.dataDir, 'baken.sqlite') },
    keyDir: hub.dataDir,
    clock: systemClock,
    scripts: fileScriptSource(join(projectRoot, 'content')),
  });
  kannel = await startKannel();
  transport = createKannelTransport({
    url: kannel.sendsmsUrl,
    from: 'Baken',
    deliveryReports: { endpoint: kannelDlrEndpoint(hub.url, routes.kannelDlr), secret: services.keys.dlr },
  });
}, 60_000);
afterAll(async () => {
  await kannel?.stop();
  await services?.close();
  await hub?.stop();
});

/** An outbox row in the hub's database to report on; returns its idempotency key. */
async function outboxRow(broadcastId: string, to: string): Promise<string> {
  await services.database.sql.run(
    `INSERT INTO broadcasts (id, message_type, script_slug, scenario, status, training, channels, lists, fields, severity, area, title, web_body, email_subject, email_text, sms_text, created_by, created_at)
     VALUES ($1, 'alert', 's', 's', 'published', 0, '["sms"]', '[]', '{}', 'Minor', 'x', 't', 'w', 'e', 'e', 's', 'anna', $2)`,
    [broadcastId, new Date().toISOString()],
  );
  await services.outbox.enqueue([{ broadcastId, subscriberId: null, channel: 'sms', address: to }], Date.now());
  const row = await services.database.sql.get(
    z.object({ idempotency_key: z.string() }),
    'SELECT idempotency_key FROM outbox WHERE broadcast_id = $1',
    [broadcastId],
  );
  if (!row) throw new Error(`no outbox row for ${broadcastId}`);
  return row.idempotency_key;
}
const reportOn = async (key: string) => {
  const row = await services.database.sql.get(
    z.object({ delivery_report: z.string().nullable() }),
    'SELECT delivery_report FROM outbox WHERE idempotency_key = $1',
    [key],
  );
  if (!row) throw new Error(`no outbox row with key ${key}`);
  return row.delivery_report;
};

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

  it('gets signed delivery reports back at the hub, which records them on the outbox row', async () => {
    // 'ë' encodes to %C3%AB, and %C is one of Kannel's own escape codes.
    const key = await outboxRow('broadcast:9/recipiënt', '+31612340004');
    await transport.send(sms('+31612340004', 'Test met ontvangstbevestiging', key));
    expect(
      await waitFor('a delivered report', async () =>
        (await reportOn(key)) === 'delivered' ? 'delivered' : undefined,
      ),
    ).toBe('delivered');
  });

  it('refuses a forged delivery report: a known key without the signature, or with a wrong one', async () => {
    const key = await outboxRow('b-forged', '+31612340007');
    const forge = (sig?: string) =>
      fetch(
        `${hub.url}/api/dlr/kannel?${new URLSearchParams({ key, status: '1', ...(sig === undefined ? {} : { sig }) })}`,
      );
    for (const response of [
      await forge(),
      await forge('A'.repeat(32)),
      await forge(dlrSignature(Buffer.alloc(32), key)),
    ]) {
      expect(response.status).toBe(403);
      expect(((await response.json()) as { error: { message: string } }).error.message).toContain(
        'geen geldige handtekening',
      );
    }
    expect(await reportOn(key)).toBeNull();
    expect((await forge(dlrSignature(services.keys.dlr, key))).status).toBe(200);
    expect(await reportOn(key)).toBe('delivered');
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
    const down = createKannelTransport({
      url: `http://127.0.0.1:${await freePort()}/cgi-bin/sendsms?username=baken&password=x`,
      from: 'Baken',
    });
    const error = await down.send(sms('+31612340006', 'Komt niet aan')).catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(TransportError);
    expect(error).toMatchObject({ kind: 'transient', code: 'kannel-econnrefused', transport: 'kannel' });
  });
});
