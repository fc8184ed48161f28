import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CODE_LIFETIME_MS, SubscriptionService } from '../../src/server/subscribers/subscription-service.ts';
import type { OutgoingMessage } from '../../src/server/transports/transport.ts';
import { captured, present } from '../helpers/present.ts';
import { testServices } from '../helpers/test-services.ts';

async function setup() {
  const services = await testServices();
  const sent: OutgoingMessage[] = [];
  const subscriptions = new SubscriptionService({
    ...services,
    codeKey: services.keys.links,
    publicUrl: 'https://baken.example',
    send: async (message) => {
      sent.push(message);
      return { ok: true, provider: 'test', receipt: {} };
    },
  });
  const codeIn = async (n: number) => {
    await new Promise((resolve) => setImmediate(resolve));
    return captured(/code is (\d{6})/, present(sent[n], `message ${n}`).text);
  };
  return { services, subscriptions, sent, codeIn };
}

describe('confirmation codes on SQLite', () => {
  it('refuses a right code after ten minutes', async () => {
    const { services, subscriptions, codeIn } = await setup();
    const result = await subscriptions.subscribe(
      { name: 'A', email: 'a@x.example', phone: '', channel: 'email' },
      '192.0.2.1',
    );
    if (!result.ok) throw new Error(result.message);
    const code = await codeIn(0);
    services.clock.advance(CODE_LIFETIME_MS + 1);
    expect(await subscriptions.confirm(result.ref, code)).toEqual({ ok: false, reason: 'gone' });
    expect(await services.subscribers.byAddress('email', 'a@x.example')).toBeUndefined();
  });

  it('stores neither the code nor a usable link token', async () => {
    const { services, subscriptions, codeIn } = await setup();
    const result = await subscriptions.subscribe(
      { name: 'B', email: 'b@x.example', phone: '', channel: 'email' },
      '192.0.2.1',
    );
    if (!result.ok) throw new Error(result.message);
    const code = await codeIn(0);
    const rows = await services.database.sql.all(
      z.record(z.string(), z.unknown()),
      'SELECT * FROM contact_confirmations',
    );
    expect(rows.length).toBeGreaterThan(0);
    const stored = JSON.stringify(rows);
    expect(stored).not.toContain(code);
    const confirmed = await subscriptions.confirm(result.ref, code);
    if (!confirmed.ok || confirmed.kind === 'fallback') throw new Error('not confirmed');
    const row = await services.database.sql.get(z.object({ token: z.string() }), 'SELECT token FROM subscribers');
    if (!row) throw new Error('no subscriber stored');
    expect(confirmed.token).not.toBe(row.token);
    expect(await subscriptions.byToken(row.token)).toBeUndefined();
    expect((await subscriptions.byToken(confirmed.token))?.email).toBe('b@x.example');
    expect(await subscriptions.byToken(`${row.token}.${'A'.repeat(24)}`)).toBeUndefined();
  });

  it('forgets the address on queued messages when a subscriber deletes their data, and sends them nothing more', async () => {
    const { services, subscriptions, codeIn } = await setup();
    const result = await subscriptions.subscribe(
      { name: 'C', email: 'c@x.example', phone: '', channel: 'email' },
      '192.0.2.1',
    );
    if (!result.ok) throw new Error(result.message);
    const confirmed = await subscriptions.confirm(result.ref, await codeIn(0));
    if (!confirmed.ok || confirmed.kind === 'fallback') throw new Error('not confirmed');
    await services.database.sql.run(
      `INSERT INTO broadcasts (id, message_type, script_slug, scenario, status, training, channels, lists, fields, severity, area, title, web_body, email_subject, email_text, sms_text, created_by, created_at)
       VALUES ('b1', 'alert', 's', 's', 'published', 0, '["email"]', '[]', '{}', 'Minor', 'x', 't', 'w', 'e', 'e', 's', 'anna', '2026-11-23T09:00:00Z')`,
    );
    const subscriber = await subscriptions.byToken(confirmed.token);
    if (!subscriber) throw new Error('no subscriber behind the token');
    await services.outbox.enqueue(
      [{ broadcastId: 'b1', subscriberId: subscriber.id, channel: 'email', address: 'c@x.example' }],
      0,
    );
    expect(await subscriptions.unsubscribe(confirmed.token)).toBe(true);
    expect(
      await services.database.sql.all(
        z.object({ address: z.string(), status: z.string() }),
        'SELECT address, status FROM outbox',
      ),
    ).toEqual([{ address: '(verwijderd)', status: 'deleted' }]);
    expect(await services.subscribers.byAddress('email', 'c@x.example')).toBeUndefined();
  });
});
