import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { Subscriber, SubscriberChannel } from '../../schemas/subscriber.ts';
import type { AuditLog } from '../audit/audit-log-store.ts';
import type { Clock } from '../clock.ts';
import type { OutboxStore } from '../outbox/outbox-store.ts';
import type { PoolResult } from '../outbox/provider-pool.ts';
import type { UnitOfWork } from '../store/unit-of-work.ts';
import type { OutgoingMessage } from '../transports/transport.ts';
import type { ConfirmationStore, ContactConfirmation, NewContactConfirmation } from './confirmation-store.ts';
import { normalizeEmail, normalizePhone } from './normalize-contact.ts';
import type { PersonalTokens } from './personal-token.ts';
import type { RateEventStore } from './rate-event-store.ts';
import type { SubscriberStore } from './subscriber-store.ts';

/** The list people join through the public sign-up page. */
export const PUBLIC_LIST = 'Openbare berichten';

/** Messages per address and per IP address per hour: a public form must not become an SMS cannon. */
const LIMITS = { address: 3, ip: 20 } as const;
const HOUR = 60 * 60 * 1000;
/** A code works for 10 minutes and allows 5 tries. */
export const CODE_LIFETIME_MS = 10 * 60 * 1000;
export const MAX_CODE_TRIES = 5;
const NAME_MAX = 100;
// Letters, digits, spaces and the punctuation of names and organisations; nothing that makes a link or markup.
const NAME_PATTERN = /^[\p{L}\p{M}\p{N} .,'’&()-]+$/u;

export type SubscribeResult =
  | { ok: true; ref: string; channel: SubscriberChannel }
  | { ok: false; status: 400 | 429; field: 'name' | 'email' | 'phone' | 'channel' | null; message: string };

export type ConfirmResult =
  /** `token` opens the person's own data; `fallbackPending` says a second contact still waits for its code. */
  | { ok: true; kind: 'subscribed' | 'known'; token: string; fallbackPending: SubscriberChannel | null }
  | { ok: true; kind: 'fallback'; channel: SubscriberChannel }
  | { ok: false; reason: 'wrong'; triesLeft: number }
  | { ok: false; reason: 'gone' };

export interface SubscriptionDeps {
  /** One atomic unit over the stores below. */
  atomically: UnitOfWork;
  clock: Clock;
  audit: AuditLog;
  subscribers: SubscriberStore;
  outbox: OutboxStore;
  confirmations: ConfirmationStore;
  rateEvents: RateEventStore;
  personalTokens: PersonalTokens;
  /** Key for the HMAC of stored codes, so a copy of the database does not reveal them. */
  codeKey: Buffer;
  /** Sends a confirmation message at once (the person is waiting for it). */
  send: (message: OutgoingMessage) => Promise<PoolResult>;
  publicUrl: string;
}

/**
 * Public sign-up with double opt-in for every contact. The answer to a sign-up is the same
 * whether the address is new or known: what differs goes only to the address itself (a code
 * to confirm, or a code to open the data of the person already signed up there).
 */
export class SubscriptionService {
  readonly #d: SubscriptionDeps;

  constructor(deps: SubscriptionDeps) {
    this.#d = deps;
  }

  #codeHash(ref: string, code: string): string {
    return createHmac('sha256', this.#d.codeKey).update(`${ref}:${code}`).digest('base64url');
  }

  async subscribe(
    input: { name: string; email: string; phone: string; channel: string },
    ip: string,
  ): Promise<SubscribeResult> {
    const name = input.name.trim().replace(/\s+/g, ' ');
    if (!name || name.length > NAME_MAX)
      return { ok: false, status: 400, field: 'name', message: `Vul uw naam in (maximaal ${NAME_MAX} tekens).` };
    if (!NAME_PATTERN.test(name))
      return {
        ok: false,
        status: 400,
        field: 'name',
        message: "Gebruik in uw naam alleen letters, cijfers, spaties en . , ' - & ( ).",
      };
    if (input.channel !== 'email' && input.channel !== 'sms')
      return { ok: false, status: 400, field: 'channel', message: 'Kies e-mail of sms.' };
    const channel: SubscriberChannel = input.channel;
    const email = input.email.trim() ? normalizeEmail(input.email.trim().slice(0, 320)) : undefined;
    const phone = input.phone.trim() ? normalizePhone(input.phone.trim().slice(0, 40)) : undefined;
    if (input.email.trim() && !email)
      return {
        ok: false,
        status: 400,
        field: 'email',
        message: 'Het e-mailadres klopt niet. Schrijf bijvoorbeeld naam@voorbeeld.nl.',
      };
    if (input.phone.trim() && !phone)
      return {
        ok: false,
        status: 400,
        field: 'phone',
        message: 'Het telefoonnummer klopt niet. Schrijf bijvoorbeeld 06 12345678.',
      };
    const address = channel === 'email' ? email : phone;
    if (!address)
      return {
        ok: false,
        status: 400,
        field: channel === 'email' ? 'email' : 'phone',
        message: channel === 'email' ? 'Vul een e-mailadres in.' : 'Vul een mobiel nummer in.',
      };
    const other: SubscriberChannel = channel === 'email' ? 'sms' : 'email';
    const otherAddress = other === 'email' ? email : phone;

    const now = this.#d.clock.now().getTime();
    const keys = [address, otherAddress]
      .filter((a): a is string => a !== undefined)
      .map((key) => ({ kind: 'address', key, limit: LIMITS.address }));
    if (!(await this.#d.rateEvents.take([...keys, { kind: 'ip', key: ip, limit: LIMITS.ip }], now - HOUR, now))) {
      return {
        ok: false,
        status: 429,
        field: null,
        message: 'Er zijn te veel aanmeldingen verstuurd. Probeer het over een uur opnieuw.',
      };
    }

    // A known address gets a code that opens the existing subscription; nothing about it changes.
    const known = (await this.#d.subscribers.byAddress(channel, address)) !== undefined;
    const signup = randomBytes(12).toString('base64url');
    const pending: Array<NewContactConfirmation & { code: string }> = [
      this.#pending(signup, known ? 'manage' : 'signup', 'preferred', channel, address, known ? null : name, now),
    ];
    if (!known && otherAddress)
      pending.push(this.#pending(signup, 'signup', 'fallback', other, otherAddress, null, now));
    await this.#d.confirmations.add(pending, now);
    // Not awaited: a new and a known address must take the same time to answer.
    for (const p of pending) void this.#sendCode(p);
    const [preferred] = pending;
    return { ok: true, ref: preferred?.ref ?? '', channel };
  }

  #pending(
    signup: string,
    purpose: 'signup' | 'manage',
    role: 'preferred' | 'fallback',
    channel: SubscriberChannel,
    address: string,
    name: string | null,
    now: number,
  ) {
    const ref = randomBytes(16).toString('base64url');
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    return {
      ref,
      signup,
      purpose,
      role,
      channel,
      address,
      name,
      codeHash: this.#codeHash(ref, code),
      expiresAt: now + CODE_LIFETIME_MS,
      code,
    };
  }

  async #sendCode(p: NewContactConfirmation & { code: string }): Promise<void> {
    const link = new URL(`/abonnement/bevestigen/?ref=${encodeURIComponent(p.ref)}&code=${p.code}`, this.#d.publicUrl)
      .href;
    const key = `confirm.${p.ref}`;
    const what =
      p.purpose === 'manage'
        ? 'U bent al aangemeld voor berichten van Baken. Met deze code kunt u uw gegevens bekijken of u afmelden'
        : p.role === 'fallback'
          ? 'Met deze code bevestigt u dit als tweede manier om u te bereiken'
          : 'Met deze code bevestigt u uw aanmelding voor berichten van Baken';
    // The name the person typed is left out on purpose: it must never reach someone else's inbox.
    const message: OutgoingMessage =
      p.channel === 'email'
        ? {
            channel: 'email',
            to: p.address,
            subject: 'Uw code voor Baken',
            text: `Uw code is ${p.code}.\n\n${what}. De code werkt 10 minuten.\nU kunt ook deze link openen:\n${link}\n\nHeeft u dit niet zelf gevraagd? Dan hoeft u niets te doen.`,
            headers: {},
            idempotencyKey: key,
          }
        : {
            channel: 'sms',
            to: p.address,
            text: `Baken: uw code is ${p.code}. ${what}. De code werkt 10 minuten.`,
            idempotencyKey: key,
          };
    try {
      const sent = await this.#d.send(message);
      if (!sent.ok) console.error(`Baken: code voor aanmelding niet verstuurd (${p.channel}): ${sent.error}`);
    } catch (error) {
      console.error('Baken: code voor aanmelding niet verstuurd:', error);
    }
  }

  /** Checks a code (one try spent, also when wrong) and applies what it confirms. */
  async confirm(ref: string, code: string): Promise<ConfirmResult> {
    const now = this.#d.clock.now().getTime();
    const c = ref.length <= 40 ? await this.#d.confirmations.spendTry(ref, MAX_CODE_TRIES, now) : undefined;
    if (!c) return { ok: false, reason: 'gone' };
    const given = Buffer.from(this.#codeHash(ref, code.trim().slice(0, 20)));
    if (!timingSafeEqual(given, Buffer.from(c.codeHash))) {
      const triesLeft = MAX_CODE_TRIES - c.tries;
      return triesLeft > 0 ? { ok: false, reason: 'wrong', triesLeft } : { ok: false, reason: 'gone' };
    }
    return this.#d.atomically(() => this.#apply(c, now));
  }

  async #apply(c: ContactConfirmation, now: number): Promise<ConfirmResult> {
    const { subscribers, confirmations, audit, personalTokens } = this.#d;
    await confirmations.markVerified(c.id, now);
    const partner = await confirmations.partner(c);
    if (c.role === 'fallback') {
      const owner = partner?.verifiedAt ? await subscribers.byAddress(partner.channel, partner.address) : undefined;
      if (owner && (await subscribers.addFallbackContact(owner.id, c.channel, c.address))) {
        await audit.append({
          actor: 'publiek',
          action: 'subscription.contact-confirmed',
          subject: `subscriber:${owner.id}`,
          details: { channel: c.channel },
        });
      }
      return { ok: true, kind: 'fallback', channel: c.channel };
    }
    let subscriber = await subscribers.byAddress(c.channel, c.address);
    if (c.purpose === 'manage' || subscriber) {
      if (!subscriber) return { ok: false, reason: 'gone' };
      return { ok: true, kind: 'known', token: personalTokens.sign(subscriber.token), fallbackPending: null };
    }
    subscriber = (
      await subscribers.upsertIntoList(
        PUBLIC_LIST,
        {
          name: c.name ?? '',
          email: c.channel === 'email' ? c.address : null,
          phone: c.channel === 'sms' ? c.address : null,
          preferredChannel: c.channel,
          fallbackChannel: null,
          consent: `aangemeld via de website op ${new Date(now).toISOString()}; ${c.channel === 'email' ? 'e-mailadres' : 'nummer'} bevestigd met een code`,
        },
        true,
      )
    ).subscriber;
    if (partner?.verifiedAt) await subscribers.addFallbackContact(subscriber.id, partner.channel, partner.address);
    await audit.append({
      actor: 'publiek',
      action: 'subscription.confirmed',
      subject: `subscriber:${subscriber.id}`,
      details: { channel: c.channel },
    });
    return {
      ok: true,
      kind: 'subscribed',
      token: personalTokens.sign(subscriber.token),
      fallbackPending: partner && !partner.verifiedAt ? partner.channel : null,
    };
  }

  /** The subscriber a personal link belongs to, when the link is genuine. */
  async byToken(token: string): Promise<Subscriber | undefined> {
    const id = this.#d.personalTokens.open(token);
    return id === undefined ? undefined : this.#d.subscribers.byTokenId(id);
  }

  /** Deletes the subscriber and their data (unsubscribe is deletion: keep no more than needed). */
  async unsubscribe(token: string): Promise<boolean> {
    const subscriber = await this.byToken(token);
    if (!subscriber) return false;
    const deleted = await this.#d.atomically(async () => {
      await this.#d.outbox.forgetRecipient(subscriber.id);
      return this.#d.subscribers.delete(subscriber.id);
    });
    if (!deleted) return false;
    await this.#d.audit.append({
      actor: 'publiek',
      action: 'subscription.deleted',
      subject: `subscriber:${subscriber.id}`,
    });
    return true;
  }
}
