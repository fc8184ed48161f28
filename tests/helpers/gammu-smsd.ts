import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { startProcess } from './child-process.ts';
import { waitFor } from './wait-for.ts';

export interface SentSms {
  number: string;
  /** `Default_No_Compression` (GSM-7) or `Unicode_No_Compression` (UCS-2), per part. */
  codings: string[];
  /** Number of SMS parts. */
  parts: number;
  text: string;
}

export interface RunningGammuSmsd {
  /** The smsd configuration file, as BAKEN_GAMMU_CONFIG would name it. */
  configFile: string;
  /** Waits until smsd has sent the outbox message with this id (the path the injector printed). */
  waitForSent(outboxPath: string): Promise<SentSms>;
  /** Puts an incoming SMS on the dummy phone, as a network would deliver it; smsd picks it up. */
  receive(from: string, text: string): void;
  stop(): Promise<void>;
}

/**
 * Reads an SMS backup file as gammu-smsd leaves it in its sent folder: one `[SMSBackupNNN]`
 * section per part, the text as UTF-16BE hex in `Text00`, `Text01`… (smsd may write a section
 * twice; the first copy counts).
 */
export function readSmsBackup(content: string): SentSms {
  const sections = new Map<string, Map<string, string>>();
  let current: Map<string, string> | undefined;
  for (const line of content.split('\n')) {
    const header = /^\[(SMSBackup\d+)\]/.exec(line)?.[1];
    if (header !== undefined) {
      current = sections.has(header) ? undefined : new Map();
      if (current) sections.set(header, current);
      continue;
    }
    const field = /^(\w+) = (.*)$/.exec(line.trim());
    if (current && field?.[1] !== undefined && !current.has(field[1])) current.set(field[1], field[2] ?? '');
  }
  const parts = [...sections.values()];
  const hex = parts
    .map((part) =>
      [...part.entries()]
        .filter(([key]) => /^Text\d+$/.test(key))
        .map(([, value]) => value)
        .join(''),
    )
    .join('');
  return {
    number: (parts[0]?.get('Number') ?? '').replaceAll('"', ''),
    codings: parts.map((part) => part.get('Coding') ?? ''),
    parts: parts.length,
    text: Buffer.from(hex, 'hex').swap16().toString('utf16le'),
  };
}

/**
 * Starts gammu-smsd with Gammu's dummy phone driver in a temp folder (`connection = none`,
 * the "phone" is a folder) and the files service (inbox, outbox, sent, error folders).
 */
export async function startGammuSmsd(options: { runOnReceive?: string } = {}): Promise<RunningGammuSmsd> {
  const dir = mkdtempSync(join(tmpdir(), 'baken-gammu-'));
  for (const folder of ['phone', 'inbox', 'outbox', 'sent', 'error']) mkdirSync(join(dir, folder));
  // The dummy phone's inbox (folder 1): one SMS backup file per incoming message.
  mkdirSync(join(dir, 'phone', 'sms', '1'), { recursive: true });
  const configFile = join(dir, 'smsdrc');
  const log = join(dir, 'smsd.log');
  writeFileSync(
    configFile,
    `[gammu]
connection = none
model = dummy
device = ${join(dir, 'phone')}

[smsd]
service = files
inboxpath = ${join(dir, 'inbox')}/
outboxpath = ${join(dir, 'outbox')}/
sentsmspath = ${join(dir, 'sent')}/
errorsmspath = ${join(dir, 'error')}/
logfile = ${log}
debuglevel = 0
loopsleep = 1
commtimeout = 1
statusfrequency = 0
checksecurity = 0
checkbattery = 0
checksignal = 0
receivefrequency = ${options.runOnReceive ? 1 : 3600}
${options.runOnReceive ? `runonreceive = ${options.runOnReceive}\n` : ''}`,
  );
  const smsd = startProcess('gammu-smsd', ['-c', configFile], { cwd: dir });
  let received = 0;
  const stop = async () => {
    await smsd.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitFor('gammu-smsd to start', () => {
      if (smsd.child.exitCode !== null) throw new Error(`gammu-smsd stopped:\n${smsd.output()}`);
      return existsSync(log) && readFileSync(log, 'utf8').includes('Starting phone communication') ? true : undefined;
    });
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    configFile,
    waitForSent(outboxPath) {
      const sent = join(dir, 'sent', basename(outboxPath));
      return waitFor(
        `${basename(outboxPath)} in the sent folder`,
        () => (existsSync(sent) ? readSmsBackup(readFileSync(sent, 'utf8')) : undefined),
        15_000,
      );
    },
    receive(from, text) {
      received += 1;
      // Written beside the folder and moved in, so smsd never reads half a file.
      const temporary = join(dir, `incoming-${received}`);
      writeFileSync(
        temporary,
        `[SMSBackup000]\nNumber = "${from}"\nCoding = Default\nFolder = 1\nSent = 20261125T120000\nState = UnRead\nType = Deliver\nText00 = ${Buffer.from(text, 'utf16le').swap16().toString('hex').toUpperCase()}\nLength = ${text.length}\nClass = -1\n`,
      );
      renameSync(temporary, join(dir, 'phone', 'sms', '1', String(received)));
    },
    stop,
  };
}
