import { parse } from 'csv-parse/sync';
import type { SubscriberChannel } from '../../schemas/subscriber.ts';
import type { NewSubscriber } from './subscriber-store.ts';
import { normalizeEmail, normalizePhone, parseChannel } from './normalize-contact.ts';

/**
 * Column names accepted in the header, Dutch or English, written without spaces, hyphens or
 * underscores ("E-mail adres" and "emailadres" are the same column).
 */
const HEADER_ALIASES: Record<string, keyof ParsedColumns> = {
  naam: 'name',
  name: 'name',
  organisatie: 'name',
  email: 'email',
  mail: 'email',
  emailadres: 'email',
  emailaddress: 'email',
  telefoon: 'phone',
  telefoonnummer: 'phone',
  mobiel: 'phone',
  mobielnummer: 'phone',
  mobiel06: 'phone',
  mobile: 'phone',
  mobilephone: 'phone',
  phone: 'phone',
  phonenumber: 'phone',
  gsm: 'phone',
  kanaal: 'channel',
  voorkeur: 'channel',
  voorkeurskanaal: 'channel',
  channel: 'channel',
  preferredchannel: 'channel',
  terugval: 'fallback',
  terugvalkanaal: 'fallback',
  fallback: 'fallback',
  fallbackchannel: 'fallback',
  toestemming: 'consent',
  consent: 'consent',
};

/** A header cell as looked up in HEADER_ALIASES. */
const headerKey = (cell: string) => cell.toLowerCase().replace(/[\s_-]/g, '');

const LABEL: Record<SubscriberChannel, string> = { email: 'e-mail', sms: 'sms' };

interface ParsedColumns {
  name: string;
  email: string;
  phone: string;
  channel: string;
  fallback: string;
  consent: string;
}

export interface CsvRowProblem {
  /** Line in the file (1 is the header). */
  line: number;
  reason: string;
}

export interface ParsedImport {
  rows: Array<{ line: number; subscriber: NewSubscriber }>;
  problems: CsvRowProblem[];
  /** Lines that repeat an earlier line's email or phone; they are skipped. */
  duplicates: number[];
}

/** Picks `;` for Dutch spreadsheet exports, `,` otherwise, from the header line. */
function detectDelimiter(text: string): string {
  const header = text.split(/\r?\n/, 1)[0] ?? '';
  return (header.match(/;/g)?.length ?? 0) > (header.match(/,/g)?.length ?? 0) ? ';' : ',';
}

/**
 * Reads a subscriber CSV. Every bad row is reported with its line number and reason; the
 * good rows are returned, each person once. `consent` describes how consent was obtained
 * when the file has no consent column.
 */
export function parseSubscriberCsv(text: string, consent: string): ParsedImport {
  const problems: CsvRowProblem[] = [];
  const delimiter = detectDelimiter(text);
  // One subscriber per line: each line is parsed on its own, so a broken quote on one line
  // cannot swallow the lines after it.
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const parseLine = (line: string) => (parse(line, { delimiter, trim: true, relax_column_count: true }) as string[][])[0] ?? [];
  let columns: Array<keyof ParsedColumns | undefined>;
  try {
    columns = parseLine(lines[0] ?? '').map((h) => HEADER_ALIASES[headerKey(h)]);
  } catch {
    return { rows: [], problems: [{ line: 1, reason: 'de kopregel is geen geldige CSV' }], duplicates: [] };
  }
  if (!columns.includes('name') || (!columns.includes('email') && !columns.includes('phone'))) {
    return { rows: [], problems: [{ line: 1, reason: 'de kopregel moet de kolommen naam en e-mail en/of telefoon hebben' }], duplicates: [] };
  }
  const records: Array<{ record: Partial<ParsedColumns>; info: { lines: number } }> = [];
  lines.forEach((text, index) => {
    if (index === 0 || text.trim() === '') return;
    try {
      const cells = parseLine(text);
      const record: Partial<ParsedColumns> = {};
      columns.forEach((column, i) => {
        if (column && cells[i]) record[column] = cells[i];
      });
      records.push({ record, info: { lines: index + 1 } });
    } catch (error) {
      problems.push({ line: index + 1, reason: `deze regel is geen geldige CSV: ${(error as Error).message.split(':')[0]}` });
    }
  });

  const rows: ParsedImport['rows'] = [];
  const duplicates: number[] = [];
  const seen = new Set<string>();
  for (const { record, info } of records) {
    const line = info.lines;
    const reasons: string[] = [];
    const name = record.name?.trim() ?? '';
    if (!name) reasons.push('naam ontbreekt');
    const email = record.email ? normalizeEmail(record.email) : undefined;
    if (record.email && !email) reasons.push(`e-mailadres "${record.email}" klopt niet`);
    const phone = record.phone ? normalizePhone(record.phone) : undefined;
    if (record.phone && !phone) reasons.push(`telefoonnummer "${record.phone}" klopt niet`);
    if (!record.email && !record.phone) reasons.push('geen e-mailadres en geen telefoonnummer');
    const has = (c: SubscriberChannel) => (c === 'email' ? email : phone) !== undefined;
    let preferred: SubscriberChannel | undefined = email ? 'email' : phone ? 'sms' : undefined;
    if (record.channel) {
      preferred = parseChannel(record.channel);
      if (!preferred) reasons.push(`kanaal "${record.channel}" is onbekend (gebruik e-mail of sms)`);
      else if (!has(preferred)) reasons.push(`kanaal ${LABEL[preferred]} gekozen, maar het adres daarvoor ontbreekt`);
    }
    let fallback: SubscriberChannel | null = preferred === 'email' && phone ? 'sms' : preferred === 'sms' && email ? 'email' : null;
    if (record.fallback) {
      const parsed = parseChannel(record.fallback);
      if (!parsed) reasons.push(`terugval "${record.fallback}" is onbekend (gebruik e-mail of sms)`);
      else if (!has(parsed)) reasons.push(`terugval ${LABEL[parsed]} gekozen, maar het adres daarvoor ontbreekt`);
      else fallback = parsed === preferred ? null : parsed;
    }
    if (reasons.length > 0 || !preferred) {
      problems.push({ line, reason: reasons.join('; ') });
      continue;
    }
    const keys = [email && `e:${email}`, phone && `p:${phone}`].filter((k): k is string => Boolean(k));
    if (keys.some((k) => seen.has(k))) {
      duplicates.push(line);
      continue;
    }
    keys.forEach((k) => seen.add(k));
    rows.push({ line, subscriber: { name, email: email ?? null, phone: phone ?? null, preferredChannel: preferred, fallbackChannel: fallback, consent: record.consent?.trim() || consent } });
  }
  problems.sort((a, b) => a.line - b.line);
  return { rows, problems, duplicates };
}
