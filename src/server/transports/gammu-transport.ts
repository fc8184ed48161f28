import { execFile } from 'node:child_process';
import { detectEncoding } from '../../sms/segment-sms.ts';
import { type SmsMessage, type SmsTransport, TransportError } from './transport.ts';

export interface GammuTransportOptions {
  /** The gammu-smsd configuration file (its `[smsd]` section names the outbox). */
  configFile: string;
  /** The injector; `gammu-smsd-inject` from PATH unless set. */
  command?: string | undefined;
  /** Time the injector may take before it is stopped. */
  timeoutMs?: number | undefined;
}

const DEFAULT_TIMEOUT_MS = 15_000;
const E164 = /^\+[1-9]\d{6,14}$/;

/**
 * Arguments for `gammu-smsd-inject`. `-len` is the text's length in UTF-16 units: without it
 * Gammu cuts a text to one SMS, with it Gammu sends a concatenated message. `-textutf8` reads
 * the text as UTF-8 whatever the locale, and `-unicode` makes Gammu send UCS-2 when a
 * character is outside GSM-7.
 */
export function gammuInjectArgs(configFile: string, message: SmsMessage): string[] {
  return [
    '-c',
    configFile,
    'TEXT',
    message.to,
    '-len',
    String(message.text.length),
    ...(detectEncoding(message.text) === 'UCS-2' ? ['-unicode'] : []),
    '-textutf8',
    message.text,
  ];
}

/** How a run of the injector ended, as far as classifying it needs. */
export interface InjectFailure {
  /** Spawn error code (ENOENT) or undefined when the program ran. */
  code?: string | number | null | undefined;
  /** True when it was stopped for taking too long. */
  killed?: boolean | undefined;
  stderr: string;
}

/**
 * A failed injection is transient: the program is missing, its configuration or outbox folder
 * is wrong, or it hung. None of these is about the recipient, so the outbox should fail over.
 */
export function classifyGammuFailure(transport: string, failure: InjectFailure): TransportError {
  if (failure.killed === true)
    return new TransportError(transport, 'transient', 'gammu-timeout', 'gammu-smsd-inject antwoordde niet op tijd');
  if (failure.code === 'ENOENT')
    return new TransportError(transport, 'transient', 'gammu-missing', 'gammu-smsd-inject is niet geïnstalleerd');
  return new TransportError(
    transport,
    'transient',
    'gammu-inject-failed',
    failure.stderr.trim().split('\n').at(-1) ?? 'gammu-smsd-inject mislukte',
  );
}

/**
 * A GSM modem through gammu-smsd: each SMS is put in smsd's outbox with
 * `gammu-smsd-inject` (an argument list, never a shell line), and gammu-smsd sends it.
 * Acceptance means "in the outbox", not yet "sent by the modem".
 */
export function createGammuTransport(options: GammuTransportOptions): SmsTransport {
  const name = 'gammu';
  const command = options.command ?? 'gammu-smsd-inject';
  const timeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return {
    name,
    channel: 'sms',
    send(message) {
      // Gammu accepts any string as a number; the modem would fail it later, silently.
      if (!E164.test(message.to)) {
        return Promise.reject(
          new TransportError(name, 'permanent', 'invalid-number', `${message.to} is geen telefoonnummer in E.164-vorm`),
        );
      }
      return new Promise((resolve, reject) => {
        execFile(
          command,
          gammuInjectArgs(options.configFile, message),
          { timeout, killSignal: 'SIGKILL', encoding: 'utf8' },
          (error, stdout, stderr) => {
            if (error) return reject(classifyGammuFailure(name, { code: error.code, killed: error.killed, stderr }));
            // "Written message with ID /var/spool/gammu/outbox/OUTC…smsbackup"
            const id = /Written message with ID (.+)$/m.exec(stdout)?.[1]?.trim();
            resolve({ providerMessageId: id });
          },
        );
      });
    },
    async close() {},
  };
}
