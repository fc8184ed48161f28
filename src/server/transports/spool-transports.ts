import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import MailComposer from 'nodemailer/lib/mail-composer';
import { analyzeSms } from '../../sms/segment-sms.ts';
import { messageIdFor, spoolFileName } from './message-id.ts';
import {
  type EmailMessage,
  type EmailTransport,
  type SmsMessage,
  type SmsTransport,
  TransportError,
} from './transport.ts';
import { writeFileAtomic } from './write-file-atomic.ts';

export interface EmailSpoolOptions {
  /** Folder the `.eml` files go to, e.g. `<dataDir>/spool/email`. */
  dir: string;
  /** From header, as for SMTP. */
  from: string;
  /** Right-hand side of the Message-ID. */
  messageIdDomain: string;
}

/**
 * The embedded email default (and training mode): every email becomes an RFC 5322 `.eml`
 * file named after its idempotency key, so a resend replaces the file instead of adding one.
 */
export function createEmailSpool(options: EmailSpoolOptions): EmailTransport {
  const name = 'spool-email';
  return {
    name,
    channel: 'email',
    async send(message: EmailMessage) {
      const composer = new MailComposer({
        from: options.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        ...(message.html === undefined ? {} : { html: message.html }),
        headers: message.headers,
        messageId: messageIdFor(message.idempotencyKey, options.messageIdDomain),
        disableFileAccess: true,
        disableUrlAccess: true,
      });
      const file = spoolFileName(message.idempotencyKey, 'eml');
      await writeSpoolFile(name, options.dir, file, await composer.compile().build());
      return { providerMessageId: file };
    },
    async close() {},
  };
}

/**
 * The embedded SMS default (and training mode): every SMS becomes a text file named after
 * its idempotency key: a few header lines (To, Reference, Encoding, Segments), a blank line,
 * then the text.
 */
export function createSmsSpool(options: { dir: string }): SmsTransport {
  const name = 'spool-sms';
  return {
    name,
    channel: 'sms',
    async send(message: SmsMessage) {
      const { encoding, segments } = analyzeSms(message.text);
      const content = [
        `To: ${message.to}`,
        `Reference: ${message.idempotencyKey}`,
        `Encoding: ${encoding}`,
        `Segments: ${segments}`,
        '',
        message.text,
      ].join('\n');
      const file = spoolFileName(message.idempotencyKey, 'txt');
      await writeSpoolFile(name, options.dir, file, content);
      return { providerMessageId: file };
    },
    async close() {},
  };
}

async function writeSpoolFile(
  transport: string,
  dir: string,
  file: string,
  content: string | Uint8Array,
): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
    await writeFileAtomic(join(dir, file), content);
  } catch (error) {
    // A full disk or a wrong permission can be fixed while the outbox waits.
    throw new TransportError(
      transport,
      'transient',
      'spool-write-failed',
      `${join(dir, file)}: ${(error as Error).message}`,
    );
  }
}
