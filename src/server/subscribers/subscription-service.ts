import { randomInt } from 'node:crypto';
import type { SubscriberChannel } from '../../schemas/subscriber.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import type { Clock } from '../clock.ts';
import type { PoolResult } from '../outbox/provider-pool.ts';
import type { Database } from '../store/database.ts';
import type { OutgoingMessage } from '../transports/transport.ts';
import { normalizeEmail, normalizePhone } from './normalize-contact.ts';
import type { SubscriberStore } from './subscriber-store.ts';

/** The list people join through the public sign-up page. */
export const PUBLIC_LIST = 'Openbare berichten';

/** Confirmation messages per address and per IP address per hour: a public form must not become an SMS cannon. */
const LIMITS = { address: 3, ip: 20 } as const;
const HOUR = 60 * 60 * 1000;

export type SubscribeResult =
  | { ok: true; token: string; channel: SubscriberChannel }
  | { ok: false; status: 400 | 429 | 502; message: string };

export interface SubscriptionDeps {
  db: Database;
  clock: Clock;
  audit: AuditLog;
  subscribers: SubscriberStore;
  /** Sends a confirmation message at once (not through the outbox: the person is waiting for it). */
  send: (message: OutgoingMessage) => Promise<PoolResult>;
  publicUrl: string;
}

/** Public sign-up with double opt-in (a link by email or a code by SMS), and confirmation. */
export class SubscriptionService {
  readonly #d: SubscriptionDeps;

  constructor(deps: SubscriptionDeps) {
    this.#d = deps;
  }

  #allowed(kind: string, key: string): boolean {
    const now = this.#d.clock.now().getTime();
    const { n } = this.#d.db.prepare('SELECT COUNT(*) AS n FROM rate_events WHERE kind = ? AND key = ? AND at > ?').get(kind, key, now - HOUR) as { n: number };
    return n < LIMITS[kind as keyof typeof LIMITS];
  }

  #count(kind: string, key: string): void {
    this.#d.db.prepare('INSERT INTO rate_events (kind, key, at) VALUES (?, ?, ?)').run(kind, key, this.#d.clock.now().getTime());
  }

  async subscribe(input: { name: string; email: string; phone: string; channel: SubscriberChannel }, ip: string): Promise<SubscribeResult> {
    const name = input.name.trim();
    const email = input.email.trim() ? normalizeEmail(input.email) : undefined;
    const phone = input.phone.trim() ? normalizePhone(input.phone) : undefined;
    if (!name || name.length > 100) return { ok: false, status: 400, message: 'Vul uw naam in (maximaal 100 tekens).' };
    if (input.email.trim() && !email) return { ok: false, status: 400, message: 'Het e-mailadres klopt niet.' };
    if (input.phone.trim() && !phone) return { ok: false, status: 400, message: 'Het telefoonnummer klopt niet. Schrijf bijvoorbeeld 06 12345678.' };
    const address = input.channel === 'email' ? email : phone;
    if (!address) return { ok: false, status: 400, message: input.channel === 'email' ? 'Vul een e-mailadres in.' : 'Vul een mobiel nummer in.' };
    if (!this.#allowed('address', address) || !this.#allowed('ip', ip)) {
      return { ok: false, status: 429, message: 'Er zijn te veel aanmeldingen verstuurd. Probeer het over een uur opnieuw.' };
    }
    const other: SubscriberChannel = input.channel === 'email' ? 'sms' : 'email';
    const { subscriber } = this.#d.subscribers.upsertIntoList(
      PUBLIC_LIST,
      {
        name,
        email: email ?? null,
        phone: phone ?? null,
        preferredChannel: input.channel,
        fallbackChannel: (other === 'email' ? email : phone) ? other : null,
        consent: `aangemeld via de website vanaf ${ip} op ${this.#d.clock.now().toISOString()}`,
      },
      false,
    );
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    this.#d.subscribers.setConfirmCode(subscriber.id, code);
    const link = new URL(`/abonnement/bevestigen/?token=${encodeURIComponent(subscriber.token)}&code=${code}`, this.#d.publicUrl).href;
    const key = `confirm.${subscriber.id}.${this.#d.clock.now().getTime()}`;
    const message: OutgoingMessage =
      input.channel === 'email'
        ? { channel: 'email', to: address, subject: 'Bevestig uw aanmelding bij Baken', text: `Beste ${name},\n\nBevestig uw aanmelding met deze link:\n${link}\n\nHeeft u zich niet aangemeld? Dan hoeft u niets te doen.`, headers: {}, idempotencyKey: key }
        : { channel: 'sms', to: address, text: `Baken: uw code is ${code}. Vul deze in op de website om uw aanmelding te bevestigen.`, idempotencyKey: key };
    this.#count('address', address);
    this.#count('ip', ip);
    const sent = await this.#d.send(message);
    this.#d.audit.append({ actor: 'publiek', action: sent.ok ? 'subscription.requested' : 'subscription.confirmation-failed', subject: `subscriber:${subscriber.id}`, details: { channel: input.channel, ip } });
    if (!sent.ok) return { ok: false, status: 502, message: 'Het versturen van de bevestiging lukte niet. Probeer het later opnieuw.' };
    return { ok: true, token: subscriber.token, channel: input.channel };
  }

  confirm(token: string, code: string): boolean {
    const confirmed = this.#d.subscribers.confirm(token, code.trim());
    if (confirmed) this.#d.audit.append({ actor: 'publiek', action: 'subscription.confirmed', subject: `token:${token.slice(0, 6)}` });
    return confirmed;
  }

  /** Deletes the subscriber and their data (unsubscribe is deletion: keep no more than needed). */
  unsubscribe(token: string): boolean {
    const deleted = this.#d.subscribers.delete(token);
    if (deleted) this.#d.audit.append({ actor: 'publiek', action: 'subscription.deleted', subject: `token:${token.slice(0, 6)}` });
    return deleted;
  }
}
