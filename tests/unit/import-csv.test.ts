import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSubscriberCsv } from '../../src/server/subscribers/import-csv.ts';

const fixture = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'subscribers-with-errors.csv'), 'utf8');

describe('parseSubscriberCsv', () => {
  const result = parseSubscriberCsv(fixture, 'test');

  it('reports every bad row with its line number and reason', () => {
    expect(result.problems).toEqual([
      { line: 4, reason: expect.stringContaining('telefoonnummer "12345" klopt niet') },
      { line: 5, reason: expect.stringContaining('naam ontbreekt') },
      { line: 6, reason: expect.stringContaining('e-mailadres "geen-adres" klopt niet') },
      { line: 7, reason: 'geen e-mailadres en geen telefoonnummer' },
      { line: 8, reason: expect.stringContaining('kanaal "duif" is onbekend') },
      { line: 10, reason: 'kanaal sms gekozen, maar het adres daarvoor ontbreekt' },
    ]);
  });

  it('imports the good rows with E.164 numbers, lower-case email and channels', () => {
    expect(result.rows.map((r) => r.line)).toEqual([2, 3, 9, 12]);
    expect(result.rows[0]?.subscriber).toEqual({
      name: 'Basisschool De Regenboog',
      email: 'directie@regenboog.example',
      phone: '+31612345678',
      preferredChannel: 'email',
      fallbackChannel: 'sms',
      consent: 'test',
    });
    expect(result.rows[1]?.subscriber).toMatchObject({
      phone: '+31201234567',
      preferredChannel: 'sms',
      fallbackChannel: 'email',
    });
    expect(result.rows[2]?.subscriber).toMatchObject({
      email: 'info@wijkcentrum.example',
      phone: null,
      preferredChannel: 'email',
      fallbackChannel: null,
    });
  });

  it('skips a row that repeats an earlier email or phone number', () => {
    expect(result.duplicates).toEqual([11]);
  });

  it('accepts English headers and a comma as separator', () => {
    const english = parseSubscriberCsv(
      'name,email,mobile,channel,fallback\nAda,ada@x.example,06 1234 5678,sms,email\n',
      'test',
    );
    expect(english.problems).toEqual([]);
    expect(english.rows[0]?.subscriber).toMatchObject({
      phone: '+31612345678',
      preferredChannel: 'sms',
      fallbackChannel: 'email',
    });
  });

  it('recognises headers written with spaces, hyphens or capitals', () => {
    const result = parseSubscriberCsv(
      'Naam;E-mail adres;Mobiel nummer;Voorkeurskanaal\nAda;ada@x.example;0612345678;SMS\n',
      'test',
    );
    expect(result.problems).toEqual([]);
    expect(result.rows[0]?.subscriber).toMatchObject({
      email: 'ada@x.example',
      phone: '+31612345678',
      preferredChannel: 'sms',
    });
  });

  it('refuses a file without name and address columns, naming the header line', () => {
    expect(parseSubscriberCsv('wie;waar\nA;B\n', 'test').problems).toEqual([
      { line: 1, reason: expect.stringContaining('kolommen naam') },
    ]);
  });

  it('reports a row with a broken quote and keeps reading', () => {
    const broken = parseSubscriberCsv('naam;e-mail\n"Kapot;a@x.example\nGoed;goed@x.example\n', 'test');
    expect(broken.rows.map((r) => r.subscriber.email)).toContain('goed@x.example');
    expect(broken.problems).toEqual([{ line: 2, reason: expect.stringContaining('geen geldige CSV') }]);
  });

  it('reads a quoted field with a line break as one record and keeps the line numbers of the rows after it', () => {
    const text = 'naam;e-mail\n"Stichting\nDe Brug";brug@x.example\nGoed;goed@x.example\nFout;geen-adres\n';
    const result = parseSubscriberCsv(text, 'test');
    expect(result.rows.map((r) => [r.line, r.subscriber.name])).toEqual([
      [2, 'Stichting\nDe Brug'],
      [4, 'Goed'],
    ]);
    expect(result.problems).toEqual([
      { line: 5, reason: expect.stringContaining('e-mailadres "geen-adres" klopt niet') },
    ]);
  });

  it('reports a stray quote inside a field in Dutch, with the line, and reads the next rows', () => {
    const result = parseSubscriberCsv('naam,email\nA,a"b@x.example\nB,b@x.example\n', 'test');
    expect(result.problems).toEqual([
      { line: 2, reason: expect.stringMatching(/^deze regel is geen geldige CSV: een aanhalingsteken/) },
    ]);
    expect(result.rows.map((r) => r.line)).toEqual([3]);
  });

  it('numbers lines after blank lines and a byte-order mark as a spreadsheet shows them', () => {
    const result = parseSubscriberCsv('\uFEFFnaam;e-mail\r\n\r\nA;a@x.example\r\n\r\nB;geen\r\n', 'test');
    expect(result.rows.map((r) => r.line)).toEqual([3]);
    expect(result.problems.map((p) => p.line)).toEqual([5]);
  });
});
