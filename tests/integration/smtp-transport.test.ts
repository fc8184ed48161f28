import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSmtpTransport } from '../../src/server/transports/smtp-transport.ts';
import { type EmailMessage, type EmailTransport, TransportError } from '../../src/server/transports/transport.ts';
import { present } from '../helpers/present.ts';
import { type RecipientAnswer, type SmtpSink, startSmtpSink } from '../helpers/smtp-sink.ts';

const refusedOnce = new Set<string>();

/** The sink's behaviour per recipient, as a real relay might show it. */
function answer(recipient: string): RecipientAnswer {
  if (recipient === 'druk@school.example' && !refusedOnce.has(recipient)) {
    refusedOnce.add(recipient);
    return { code: 421, message: 'Te druk, probeer het later' };
  }
  if (recipient === 'onbekend@school.example') return { code: 550, message: 'Mailbox bestaat niet' };
  if (recipient === 'valtweg@school.example') return 'drop';
  return 'accept';
}

let sink: SmtpSink;
let transport: EmailTransport;

beforeAll(async () => {
  sink = await startSmtpSink({ answer });
  transport = createSmtpTransport({
    name: 'smtp-1',
    url: sink.url,
    from: 'Baken <baken@gemeente.example>',
    messageIdDomain: 'gemeente.example',
  });
});
afterAll(async () => {
  await transport?.close();
  await sink?.stop();
});

function email(to: string, idempotencyKey: string): EmailMessage {
  return {
    channel: 'email',
    to,
    subject: 'Stroomstoring: school blijft open',
    text: 'De school blijft open. Kijk op de site voor het laatste nieuws.',
    headers: {
      'List-Unsubscribe': '<https://baken.example/afmelden/abc>',
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
    idempotencyKey,
  };
}

async function failure(promise: Promise<unknown>): Promise<TransportError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(TransportError);
  return error as TransportError;
}

describe('the SMTP transport against a real SMTP server', () => {
  it('delivers with the Message-ID from the idempotency key and the List-Unsubscribe headers', async () => {
    const receipt = await transport.send(email('ouder@school.example', 'b7-r1-email'));
    expect(receipt.providerMessageId).toMatch(/^Q\d+$/);
    const received = sink.messages.find((message) => message.recipients.includes('ouder@school.example'));
    const parsed = await simpleParser(present(received, 'the message to ouder@school.example').raw);
    expect(parsed.messageId).toBe('<b7-r1-email@gemeente.example>');
    const lines = parsed.headerLines.map((header) => header.line);
    expect(lines).toContain('List-Unsubscribe: <https://baken.example/afmelden/abc>');
    expect(lines).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(parsed.from?.value).toEqual([{ name: 'Baken', address: 'baken@gemeente.example' }]);
    expect(parsed.text?.trim()).toBe('De school blijft open. Kijk op de site voor het laatste nieuws.');
  });

  it('reports a 421 as transient, and the retry is delivered', async () => {
    const error = await failure(transport.send(email('druk@school.example', 'b7-r2-email')));
    // smtp-server closes the connection after a 421, so nodemailer reports the closed connection.
    expect(error).toMatchObject({ kind: 'transient', transport: 'smtp-1' });
    expect(error.code).toMatch(/^smtp-(421|econnection)$/);
    await transport.send(email('druk@school.example', 'b7-r2-email'));
    expect(sink.messages.filter((message) => message.recipients.includes('druk@school.example'))).toHaveLength(1);
  });

  it('reports a 550 as permanent', async () => {
    const error = await failure(transport.send(email('onbekend@school.example', 'b7-r3-email')));
    expect(error).toMatchObject({ kind: 'permanent', code: 'smtp-550' });
  });

  it('reports a dropped connection as transient and keeps working afterwards', async () => {
    const error = await failure(transport.send(email('valtweg@school.example', 'b7-r4-email')));
    expect(error.kind).toBe('transient');
    expect(error.code).toMatch(/^smtp-e/);
    await expect(transport.send(email('ouder2@school.example', 'b7-r5-email'))).resolves.toBeDefined();
  });

  it('reports a relay that is not there as transient', async () => {
    const nowhere = createSmtpTransport({
      name: 'smtp-2',
      url: 'smtp://127.0.0.1:1',
      from: 'baken@gemeente.example',
      messageIdDomain: 'gemeente.example',
    });
    try {
      const error = await failure(nowhere.send(email('ouder@school.example', 'b7-r6-email')));
      expect(error).toMatchObject({ kind: 'transient', code: 'smtp-econnrefused', transport: 'smtp-2' });
    } finally {
      await nowhere.close();
    }
  });

  it('reuses its pooled connections for many messages', async () => {
    const pooled = createSmtpTransport({
      name: 'smtp-3',
      url: sink.url,
      from: 'baken@gemeente.example',
      messageIdDomain: 'gemeente.example',
    });
    const before = sink.connections();
    try {
      await Promise.all(
        Array.from({ length: 40 }, (_, index) =>
          pooled.send(email(`lid${index}@vereniging.example`, `b8-r${index}-email`)),
        ),
      );
    } finally {
      await pooled.close();
    }
    const opened = sink.connections() - before;
    expect(opened).toBeGreaterThanOrEqual(1);
    expect(opened).toBeLessThanOrEqual(5);
    expect(new Set(sink.messages.map((message) => message.recipients[0])).size).toBeGreaterThanOrEqual(40);
  });
});
