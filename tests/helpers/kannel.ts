import { randomBytes } from 'node:crypto';
import { FAKESMSC, startKannelBase } from './kannel-base.ts';
import { waitFor } from './wait-for.ts';

/** One message as fakesmsc printed it: `<from> <to> text|ucs-2|data|udh … <data>`. */
export interface FakeSmscMessage {
  from: string;
  to: string;
  /** How the fake SMSC wrote the payload; `udh` parts do not say their coding. */
  kind: 'text' | 'ucs-2' | 'data' | 'udh';
  /** Concatenation header of a part: reference, total parts, this part's number (from 1). */
  part?: { reference: number; total: number; number: number } | undefined;
  /** The payload as bytes (UTF-8 for `text`, UTF-16BE for `ucs-2`). */
  payload: Buffer;
}

export interface RunningKannel {
  /** smsbox sendsms URL with the sendsms-user's credentials, as BAKEN_KANNEL_URL would hold it. */
  sendsmsUrl: string;
  /** Messages the fake SMSC (fakesmsc) received, in order. */
  received: FakeSmscMessage[];
  stop(): Promise<void>;
}

/** Decodes Kannel's URL encoding (`+` for a space, `%XX` for a byte) to bytes. */
function urlDecodeBytes(text: string): Buffer {
  const bytes: number[] = [];
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (char === '+') bytes.push(0x20);
    else if (char === '%') {
      bytes.push(Number.parseInt(text.slice(index + 1, index + 3), 16));
      index += 2;
    } else bytes.push(...Buffer.from(char ?? '', 'utf8'));
  }
  return Buffer.from(bytes);
}

/** Parses one "Got message N: <…>" line of fakesmsc, or returns undefined for other lines. */
export function parseFakeSmscLine(line: string): FakeSmscMessage | undefined {
  const body = /Got message \d+: <(.*)>$/.exec(line)?.[1];
  if (body === undefined) return undefined;
  const [from = '', to = '', kind = '', ...rest] = body.split(' ');
  if (kind === 'udh') {
    // "<udh> data <payload>"
    const udh = urlDecodeBytes(rest[0] ?? '');
    const payload = urlDecodeBytes(rest.slice(2).join(' '));
    // 00 03 ref total number: the 8-bit concatenation information element.
    const part = udh[1] === 0x00 ? { reference: udh[3] ?? 0, total: udh[4] ?? 0, number: udh[5] ?? 0 } : undefined;
    return { from, to, kind, part, payload };
  }
  const data = rest.join(' ');
  if (kind === 'text') return { from, to, kind, payload: Buffer.from(data, 'utf8') };
  if (kind === 'ucs-2' || kind === 'data') return { from, to, kind, payload: urlDecodeBytes(data) };
  return undefined;
}

/** The text of a message and its parts, decoded as GSM text (UTF-8 from Kannel) or UCS-2. */
export function decodeText(parts: FakeSmscMessage[], encoding: 'GSM-7' | 'UCS-2'): string {
  const ordered = parts.toSorted((a, b) => (a.part?.number ?? 0) - (b.part?.number ?? 0));
  const bytes = Buffer.concat(ordered.map((part) => part.payload));
  if (encoding === 'GSM-7') return bytes.toString('utf8');
  return Buffer.from(bytes).swap16().toString('utf16le');
}

/**
 * Starts Kannel on 127.0.0.1 in a temp folder: bearerbox with a fake SMSC, fakesmsc as the
 * SMSC's other end (printing what it receives), and smsbox with a sendsms user. Every port is
 * bound to 127.0.0.1. Resolves once smsbox and fakesmsc are connected.
 */
export async function startKannel(): Promise<RunningKannel> {
  const password = randomBytes(8).toString('hex');
  const kannel = await startKannelBase({
    prefix: 'baken-kannel-',
    core: 'dlr-storage = internal\n',
    smsbox: (sendsmsPort) => `sendsms-port = ${sendsmsPort}\nsendsms-interface = 127.0.0.1\n`,
    groups: `group = sendsms-user
username = baken
password = ${password}
max-messages = 10
concatenation = true
`,
  });
  const sendsmsPort = kannel.extraPort;
  const received: FakeSmscMessage[] = [];
  try {
    const fakesmsc = kannel.start(
      FAKESMSC,
      ['-H', '127.0.0.1', '-r', String(kannel.smscPort), '-i', '0', '-m', '0', '0 0 text unused'],
      (line) => {
        const message = parseFakeSmscLine(line);
        if (message) received.push(message);
      },
    );
    await waitFor('fakesmsc to connect', async () => {
      kannel.alive(fakesmsc, 'fakesmsc');
      return /fake\[fake\].*\(online/.test(await kannel.status()) || undefined;
    });
    const smsbox = await kannel.startSmsbox();
    await waitFor('sendsms to answer', async () => {
      kannel.alive(smsbox, 'smsbox');
      try {
        return (await fetch(`http://127.0.0.1:${sendsmsPort}/cgi-bin/sendsms`)).status;
      } catch {
        return undefined;
      }
    });
  } catch (error) {
    await kannel.stop();
    throw error;
  }

  return {
    sendsmsUrl: `http://127.0.0.1:${sendsmsPort}/cgi-bin/sendsms?username=baken&password=${password}`,
    received,
    stop: kannel.stop,
  };
}
