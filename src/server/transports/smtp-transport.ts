import nodemailer from 'nodemailer';
import { parseConnectionUrl } from 'nodemailer/lib/shared';
import { messageIdFor } from './message-id.ts';
import { classifySmtpFailure } from './smtp-failure.ts';
import type { EmailMessage, EmailTransport, SendReceipt } from './transport.ts';

export interface SmtpTransportOptions {
  /** Provider name, e.g. `smtp-1`. */
  name: string;
  /** `smtp://user:pass@host:port` or `smtps://…`; query parameters are nodemailer options (e.g. `?maxConnections=10`). */
  url: string;
  /** From header, e.g. `Baken <baken@gemeente.nl>`. */
  from: string;
  /** Right-hand side of the Message-ID, e.g. `gemeente.nl`. */
  messageIdDomain: string;
}

/**
 * Pool settings for a bulk send to one relay. Five parallel connections is what most
 * relays accept from one client; a connection is recycled after 500 messages instead of
 * nodemailer's 100, because a new connection (greeting, EHLO, AUTH) costs several round trips.
 * A message whose connection drops is not requeued inside the pool (nodemailer's default is
 * five times): retries belong to the outbox, which counts them, backs off and fails over.
 */
export const POOL_DEFAULTS = { maxConnections: 5, maxMessages: 500, maxRequeues: 0 } as const;

/** An SMTP relay reached through one nodemailer connection pool, reused for every send. */
export function createSmtpTransport(options: SmtpTransportOptions): EmailTransport {
  const { name, from, messageIdDomain } = options;
  const pool = nodemailer.createTransport({
    ...POOL_DEFAULTS,
    ...parseConnectionUrl(options.url),
    pool: true,
    // Message content never names files or URLs to include; refuse them if it ever does.
    disableFileAccess: true,
    disableUrlAccess: true,
  });

  return {
    name,
    channel: 'email',
    async send(message: EmailMessage): Promise<SendReceipt> {
      try {
        const info = await pool.sendMail({
          from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          ...(message.html === undefined ? {} : { html: message.html }),
          headers: message.headers,
          messageId: messageIdFor(message.idempotencyKey, messageIdDomain),
        });
        return { providerMessageId: queueId(info.response) };
      } catch (error) {
        throw classifySmtpFailure(name, error);
      }
    },
    async close() {
      pool.close();
    },
  };
}

/** The relay's queue id from a reply like `250 2.0.0 Ok: queued as 4BqXyZ`, when it gives one. */
function queueId(response: string | undefined): string | undefined {
  return /queued as ([^\s]+)/i.exec(response ?? '')?.[1];
}
