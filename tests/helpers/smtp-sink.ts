import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';
import { createSmtpTransport } from '../../src/server/transports/smtp-transport.ts';
import type { EmailTransport } from '../../src/server/transports/transport.ts';

/** What the sink does with one recipient: accept it, answer with an SMTP error code, or drop the connection. */
export type RecipientAnswer = 'accept' | 'drop' | { code: number; message: string };

export interface ReceivedMail {
  recipients: string[];
  raw: Buffer;
  /** When the sink accepted it (ms since the epoch), to measure sending rates. */
  at: number;
}

export interface SmtpSink {
  /** `smtp://127.0.0.1:<port>` */
  url: string;
  /** Messages accepted so far (empty when started with `keep: false`). */
  messages: ReceivedMail[];
  /** How many messages were accepted. */
  accepted(): number;
  /** How many SMTP connections were opened. */
  connections(): number;
  stop(): Promise<void>;
}

/**
 * An in-process SMTP server on 127.0.0.1 (no TLS, no auth) that accepts every message, unless
 * `answer` says otherwise for a recipient. With `keep: false` messages are only counted.
 * With `port`, it listens there (to restart a stopped sink on the same address).
 */
export async function startSmtpSink(
  options: { answer?: (recipient: string) => RecipientAnswer; keep?: boolean; port?: number } = {},
): Promise<SmtpSink> {
  const messages: ReceivedMail[] = [];
  let accepted = 0;
  let connections = 0;
  const keep = options.keep ?? true;
  const server: SMTPServer = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    // stop() waits at most this long for clients that keep a pooled connection open.
    closeTimeout: 1000,
    onConnect(_session, callback) {
      connections += 1;
      callback();
    },
    onRcptTo(address: SMTPServerAddress, session, callback) {
      const answer = options.answer?.(address.address) ?? 'accept';
      if (answer === 'accept') return callback();
      if (answer === 'drop') {
        for (const connection of server.connections) if (connection.id === session.id) connection._socket.destroy();
        return;
      }
      callback(Object.assign(new Error(answer.message), { responseCode: answer.code }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => keep && chunks.push(chunk));
      stream.on('end', () => {
        accepted += 1;
        if (keep)
          messages.push({
            recipients: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            raw: Buffer.concat(chunks),
            at: Date.now(),
          });
        callback(null, `Ok: queued as Q${accepted}`);
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // A fixed port lets a test bring "the same relay" back after stopping it.
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      // A client killed mid-session resets its connection; that is what some tests do on purpose.
      server.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code !== 'ECONNRESET' && error.code !== 'EPIPE') console.error(error);
      });
      resolve();
    });
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    accepted: () => accepted,
    connections: () => connections,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The SMTP transport the delivery tests send with: `smtp-1`, to `sink`, from Baken at gemeente.example. */
export function smtpTransportTo(sink: SmtpSink): EmailTransport {
  return createSmtpTransport({
    name: 'smtp-1',
    url: sink.url,
    from: 'Baken <baken@gemeente.example>',
    messageIdDomain: 'gemeente.example',
  });
}
