import { TransportError } from './transport.ts';

/** The fields nodemailer sets on the errors it raises (see nodemailer's NodemailerError). */
export interface SmtpErrorFields {
  message?: string | undefined;
  /** Nodemailer's error code (ECONNECTION, ETIMEDOUT, EENVELOPE, EAUTH…) or a socket code. */
  code?: string | undefined;
  /** The socket code behind a nodemailer code, e.g. ECONNREFUSED behind ESOCKET. */
  originalCode?: string | undefined;
  /** Reply code of the SMTP server, when the server answered. */
  responseCode?: number | undefined;
  /** SMTP command that was answered: `CONN`, `EHLO`, `AUTH PLAIN`, `MAIL FROM`, `RCPT TO`, `DATA`, or `API`. */
  command?: string | undefined;
}

// Commands whose 5xx reply is about this message or recipient. A 5xx on the greeting, EHLO
// or AUTH says the provider is unusable, not the recipient: that is for failover to decide.
const MESSAGE_COMMANDS = new Set(['MAIL FROM', 'RCPT TO', 'DATA']);
// Errors that say the provider is set up wrong or unreachable, whatever the recipient.
const PROVIDER_CODES = new Set(['EAUTH', 'ENOAUTH', 'ETLS', 'EREQUIRETLS', 'EDNS', 'ECONFIG', 'EPROXY']);

/**
 * Turns an error from nodemailer into a TransportError the outbox can act on.
 * SMTP 4xx replies and lost or refused connections are transient; a 5xx reply to MAIL FROM,
 * RCPT TO or DATA is permanent (code `smtp-550` and the like), except 503 (bad sequence of
 * commands), which says the session was out of step rather than that the message was refused.
 */
export function classifySmtpFailure(transport: string, error: unknown): TransportError {
  if (error instanceof TransportError) return error;
  const fields: SmtpErrorFields = typeof error === 'object' && error !== null ? error : { message: String(error) };
  const message = fields.message ?? 'onbekende fout';
  const { code, responseCode, command } = fields;

  if (code !== undefined && PROVIDER_CODES.has(code)) {
    return new TransportError(transport, 'transient', `smtp-${code.toLowerCase()}`, message);
  }
  if (typeof responseCode === 'number') {
    const permanent =
      responseCode >= 500 && responseCode < 600 && responseCode !== 503 && MESSAGE_COMMANDS.has(command ?? '');
    return new TransportError(transport, permanent ? 'permanent' : 'transient', `smtp-${responseCode}`, message);
  }
  // Nodemailer refuses an address it cannot parse before anything is sent.
  if (code === 'EENVELOPE' && command === 'API') {
    return new TransportError(transport, 'permanent', 'smtp-invalid-address', message);
  }
  const socketCode = fields.originalCode ?? code;
  return new TransportError(
    transport,
    'transient',
    socketCode === undefined ? 'smtp-failed' : `smtp-${socketCode.toLowerCase()}`,
    message,
  );
}
