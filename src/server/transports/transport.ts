import { BakenError } from '../../errors/baken-error.ts';

/** An email ready to send: texts are final, placeholders filled in. */
export interface EmailMessage {
  channel: 'email';
  /** Recipient address. */
  to: string;
  subject: string;
  text: string;
  html?: string | undefined;
  /** Extra headers, e.g. List-Unsubscribe and List-Unsubscribe-Post. */
  headers: Record<string, string>;
  /** Idempotency key of the outbox row; becomes the Message-ID, so receivers can de-duplicate. */
  idempotencyKey: string;
}

/** An SMS ready to send. */
export interface SmsMessage {
  channel: 'sms';
  /** Recipient number in E.164, e.g. +31612345678. */
  to: string;
  text: string;
  /** Idempotency key of the outbox row; sent as the gateway's reference where it has one. */
  idempotencyKey: string;
}

export type OutgoingMessage = EmailMessage | SmsMessage;

/** What a provider said when it accepted a message. */
export interface SendReceipt {
  /** Id the provider gave the message, when it gives one. */
  providerMessageId?: string | undefined;
}

/**
 * Whether a failed send may succeed later (`transient`: SMTP 4xx, connection loss, HTTP
 * 429/5xx) or never will for this recipient (`permanent`: SMTP 5xx, invalid number).
 */
export type FailureKind = 'transient' | 'permanent';

/** A send that did not succeed; the outbox decides between retry, failover and fallback on `kind`. */
export class TransportError extends BakenError {
  readonly kind: FailureKind;
  /** Name of the transport that failed. */
  readonly transport: string;

  constructor(transport: string, kind: FailureKind, code: string, message: string) {
    super(code, message);
    this.kind = kind;
    this.transport = transport;
  }
}

interface TransportBase {
  /** Provider name, unique per channel, e.g. "smtp-1", "kannel", "spool-sms". */
  readonly name: string;
  /** Releases connections and files. */
  close(): Promise<void>;
}

export interface EmailTransport extends TransportBase {
  readonly channel: 'email';
  /** Sends one email; resolves on acceptance, throws a TransportError on failure. */
  send(message: EmailMessage): Promise<SendReceipt>;
}

export interface SmsTransport extends TransportBase {
  readonly channel: 'sms';
  /** Sends one SMS; resolves on acceptance, throws a TransportError on failure. */
  send(message: SmsMessage): Promise<SendReceipt>;
}

export type Transport = EmailTransport | SmsTransport;
