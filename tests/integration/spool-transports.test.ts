import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes } from '../../src/catalog/routes.ts';
import { createTransports, type Transports } from '../../src/server/transports/create-transports.ts';
import type { EmailMessage, SmsMessage } from '../../src/server/transports/transport.ts';
import { loadTransportConfig } from '../../src/server/transports/transport-config.ts';

let dataDir: string;
let transports: Transports;

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'baken-spool-'));
  // No provider configured: both channels fall back to the spools under the data folder.
  transports = createTransports(
    loadTransportConfig({ BAKEN_MAIL_FROM: 'Baken <crisis@gemeente.example>' }, '/'),
    dataDir,
    { kannelDlr: routes.kannelDlr },
  );
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const email = (subject: string): EmailMessage => ({
  channel: 'email',
  to: 'ouder@school.example',
  subject,
  text: 'De school blijft open.',
  html: '<p>De school blijft <strong>open</strong>.</p>',
  headers: {
    'List-Unsubscribe': '<https://baken.example/afmelden/x>',
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  },
  idempotencyKey: 'b12/r7:email',
});

const sms = (text: string): SmsMessage => ({ channel: 'sms', to: '+31612345678', text, idempotencyKey: 'b12/r7:sms' });

describe('the spool transports', () => {
  it('are the default for both channels when nothing is configured', () => {
    expect(transports.email.map((transport) => transport.name)).toEqual(['spool-email']);
    expect(transports.sms.map((transport) => transport.name)).toEqual(['spool-sms']);
  });

  it('write an email as an .eml file that parses with every header', async () => {
    const receipt = await transports.spool.email.send(email('Stroomstoring'));
    const folder = join(dataDir, 'spool', 'email');
    expect(readdirSync(folder)).toEqual([receipt.providerMessageId]);
    const parsed = await simpleParser(readFileSync(join(folder, receipt.providerMessageId ?? '')));
    // ':' may not appear in a Message-ID, so it is escaped.
    expect(parsed.messageId).toBe('<b12/r7%3Aemail@gemeente.example>');
    expect(parsed.subject).toBe('Stroomstoring');
    expect(parsed.from?.value).toEqual([{ name: 'Baken', address: 'crisis@gemeente.example' }]);
    expect(parsed.to && !Array.isArray(parsed.to) ? parsed.to.value : []).toEqual([
      { name: '', address: 'ouder@school.example' },
    ]);
    expect(parsed.headerLines.map((header) => header.line)).toEqual(
      expect.arrayContaining([
        'List-Unsubscribe: <https://baken.example/afmelden/x>',
        'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
      ]),
    );
    expect(parsed.text?.trim()).toBe('De school blijft open.');
    expect(parsed.html).toContain('<strong>open</strong>');
  });

  it('overwrite the email on a resend instead of adding a second file', async () => {
    await transports.spool.email.send(email('Stroomstoring (eerste poging)'));
    await transports.spool.email.send(email('Stroomstoring (na herstart)'));
    const folder = join(dataDir, 'spool', 'email');
    const files = readdirSync(folder);
    expect(files).toHaveLength(1);
    expect((await simpleParser(readFileSync(join(folder, files[0] ?? '')))).subject).toBe(
      'Stroomstoring (na herstart)',
    );
  });

  it('write an SMS as a text file with its encoding and segments, and overwrite it on a resend', async () => {
    await transports.spool.sms.send(sms('Eerste poging'));
    const receipt = await transports.spool.sms.send(sms('Stroom uit – blijf binnen'));
    const folder = join(dataDir, 'spool', 'sms');
    expect(readdirSync(folder)).toEqual([receipt.providerMessageId]);
    expect(readFileSync(join(folder, receipt.providerMessageId ?? ''), 'utf8')).toBe(
      'To: +31612345678\nReference: b12/r7:sms\nEncoding: UCS-2\nSegments: 1\n\nStroom uit – blijf binnen',
    );
  });
});
