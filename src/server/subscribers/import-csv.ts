import { parse } from 'csv-parse/sync';
import { channelInSentence } from '../../schemas/broadcast-labels.ts';
import type { SubscriberChannel } from '../../schemas/subscriber.ts';
import { normalizeEmail, normalizePhone, parseChannel } from './normalize-contact.ts';
import type { NewSubscriber } from './subscriber-store.ts';

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

/** The first line that holds text: the header. */
const nextLineWithText = (text: string) => text.split('\n').findIndex((line) => line.trim() !== '') + 1;

/** A header cell as looked up in HEADER_ALIASES. */
const headerKey = (cell: string) => cell.toLowerCase().replace(/[\s_-]/g, '');

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

/** csv-parse's error codes, said in Dutch for the person importing the file. */
const CSV_ERROR: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'een aanhalingsteken (") wordt niet gesloten; de regels erna zijn apart gelezen',
  INVALID_OPENING_QUOTE: 'een aanhalingsteken (") midden in een veld; zet het hele veld tussen aanhalingstekens',
  CSV_INVALID_CLOSING_QUOTE: 'na een sluitend aanhalingsteken (") staat nog tekst in hetzelfde veld',
};

interface CsvRecord {
  /** Line the record starts on (a quoted field may continue on the next lines). */
  line: number;
  cells: string[];
}

/**
 * Parses the whole file with csv-parse, so a quoted field may hold a line break. A record
 * csv-parse cannot read is reported with the line it starts on; an unclosed quote would
 * swallow the rest of the file, so reading starts again on the line after it.
 */
function readRecords(text: string, delimiter: string): { records: CsvRecord[]; problems: CsvRowProblem[] } {
  const lines = text.split('\n');
  // First line (1-based) after `index` (0-based) that is not blank: where the next record starts.
  const nextRecordLine = (index: number) => {
    let i = index;
    while (i < lines.length && (lines[i] ?? '').trim() === '') i++;
    return i + 1;
  };
  const records: CsvRecord[] = [];
  const problems: CsvRowProblem[] = [];
  let offset = 0;
  while (offset < lines.length) {
    const events: Array<{ end: number; cells?: string[]; code?: string }> = [];
    parse(lines.slice(offset).join('\n'), {
      delimiter,
      bom: true,
      trim: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      on_skip: (error) => {
        events.push({
          end: typeof error?.lines === 'number' ? error.lines : 0,
          ...(error ? { code: error.code } : {}),
        });
      },
      // Records are collected here with the line they end on; parse() itself returns none.
      on_record: (record, context) => {
        events.push({ end: context.lines, cells: record });
        return null;
      },
    });
    let previousEnd = 0;
    let restartAfter: number | undefined;
    for (const event of events) {
      const line = nextRecordLine(offset + previousEnd);
      previousEnd = event.end;
      if (event.cells) {
        records.push({ line, cells: event.cells });
        continue;
      }
      const reason = (event.code && CSV_ERROR[event.code]) ?? 'de velden zijn niet te lezen';
      problems.push({ line, reason: `deze regel is geen geldige CSV: ${reason}` });
      if (event.code === 'CSV_QUOTE_NOT_CLOSED') {
        restartAfter = line;
        break;
      }
    }
    if (restartAfter === undefined) break;
    offset = restartAfter;
  }
  return { records, problems };
}

/**
 * Reads a subscriber CSV. Every bad row is reported with its line number and reason; the
 * good rows are returned, each person once. `consent` describes how consent was obtained
 * when the file has no consent column.
 */
export function parseSubscriberCsv(text: string, consent: string): ParsedImport {
  const { records: csvRecords, problems } = readRecords(text, detectDelimiter(text.replace(/^\uFEFF/, '')));
  const [header, ...body] = csvRecords;
  if (!header || header.line !== nextLineWithText(text)) {
    return { rows: [], problems: [{ line: 1, reason: 'de kopregel is geen geldige CSV' }], duplicates: [] };
  }
  const columns = header.cells.map((cell) => HEADER_ALIASES[headerKey(cell)]);
  if (!columns.includes('name') || (!columns.includes('email') && !columns.includes('phone'))) {
    return {
      rows: [],
      problems: [{ line: 1, reason: 'de kopregel moet de kolommen naam en e-mail en/of telefoon hebben' }],
      duplicates: [],
    };
  }
  const records = body.map(({ line, cells }) => {
    const record: Partial<ParsedColumns> = {};
    columns.forEach((column, i) => {
      if (column && cells[i]) record[column] = cells[i];
    });
    return { record, line };
  });

  const rows: ParsedImport['rows'] = [];
  const duplicates: number[] = [];
  const seen = new Set<string>();
  for (const { record, line } of records) {
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
      else if (!has(preferred))
        reasons.push(`kanaal ${channelInSentence(preferred)} gekozen, maar het adres daarvoor ontbreekt`);
    }
    let fallback: SubscriberChannel | null =
      preferred === 'email' && phone ? 'sms' : preferred === 'sms' && email ? 'email' : null;
    if (record.fallback) {
      const parsed = parseChannel(record.fallback);
      if (!parsed) reasons.push(`terugval "${record.fallback}" is onbekend (gebruik e-mail of sms)`);
      else if (!has(parsed))
        reasons.push(`terugval ${channelInSentence(parsed)} gekozen, maar het adres daarvoor ontbreekt`);
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
    for (const key of keys) seen.add(key);
    rows.push({
      line,
      subscriber: {
        name,
        email: email ?? null,
        phone: phone ?? null,
        preferredChannel: preferred,
        fallbackChannel: fallback,
        consent: record.consent?.trim() || consent,
      },
    });
  }
  problems.sort((a, b) => a.line - b.line);
  return { rows, problems, duplicates };
}
