import { describe, expect, it } from 'vitest';
import { CODE_LIFETIME_MS, SubscriptionService } from '../../src/server/subscribers/subscription-service.ts';
import type { OutgoingMessage } from '../../src/server/transports/transport.ts';
import { testServices } from '../helpers/test-services.ts';

function setup() {
  const services = testServices();
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
    return /code is (\d{6})/.exec(sent[n]!.text)![1]!;
  };
  return { services, subscriptions, sent, codeIn };
}

describe('confirmation codes on SQLite', () => {
  it('refuses a right code after ten minutes', async () => {
    const { services, subscriptions, codeIn } = setup();
    const result = await subscriptions.subscribe(
      { name: 'A', email: 'a@x.example', phone: '', channel: 'email' },
      '192.0.2.1',
    );
    if (!result.ok) throw new Error(result.message);
    const code = await codeIn(0);
    services.clock.advance(CODE_LIFETIME_MS + 1);
    expect(subscriptions.confirm(result.ref, code)).toEqual({ ok: false, reason: 'gone' });
    expect(services.subscribers.byAddress('email', 'a@x.example')).toBeUndefined();
  });

  it('stores neither the code nor a usable link token', async () => {
    const { services, subscriptions, codeIn } = setup();
    const result = await subscriptions.subscribe(
      { name: 'B', email: 'b@x.example', phone: '', channel: 'email' },
      '192.0.2.1',
    );
    if (!result.ok) throw new Error(result.message);
    const code = await codeIn(0);
    const stored = JSON.stringify(services.db.prepare('SELECT * FROM contact_confirmations').all());
    expect(stored).not.toContain(code);
    const confirmed = subscriptions.confirm(result.ref, code);
    if (!confirmed.ok || confirmed.kind === 'fallback') throw new Error('not confirmed');
    const row = services.db.prepare('SELECT token FROM subscribers').get() as { token: string };
    expect(confirmed.token).not.toBe(row.token);
    expect(subscriptions.byToken(row.token)).toBeUndefined();
    expect(subscriptions.byToken(confirmed.token)?.email).toBe('b@x.example');
    expect(subscriptions.byToken(`${row.token}.${'A'.repeat(24)}`)).toBeUndefined();
  });

  it('forgets the address on queued messages when a subscriber deletes their data, and sends them nothing more', async () => {
    const { services, subscriptions, codeIn } = setup();
    const result = await subscriptions.subscribe(
      { name: 'C', email: 'c@x.example', phone: '', channel: 'email' },
      '192.0.2.1',
    );
    if (!result.ok) throw new Error(result.message);
    const confirmed = subscriptions.confirm(result.ref, await codeIn(0));
    if (!confirmed.ok || confirmed.kind === 'fallback') throw new Error('not confirmed');
    services.db
      .prepare(
        `INSERT INTO broadcasts (id, message_type, script_slug, scenario, status, training, channels, lists, fields, severity, area, title, web_body, email_subject, email_text, sms_text, created_by, created_at)
         VALUES ('b1', 'alert', 's', 's', 'published', 0, '["email"]', '[]', '{}', 'Minor', 'x', 't', 'w', 'e', 'e', 's', 'anna', '2026-11-23T09:00:00Z')`,
      )
      .run();
    const subscriber = subscriptions.byToken(confirmed.token)!;
    services.outbox.enqueue(
      [{ broadcastId: 'b1', subscriberId: subscriber.id, channel: 'email', address: 'c@x.example' }],
      0,
    );
    expect(subscriptions.unsubscribe(confirmed.token)).toBe(true);
    expect(services.db.prepare('SELECT address, status FROM outbox').all()).toEqual([
      { address: '(verwijderd)', status: 'deleted' },
    ]);
    expect(services.subscribers.byAddress('email', 'c@x.example')).toBeUndefined();
  });
});
