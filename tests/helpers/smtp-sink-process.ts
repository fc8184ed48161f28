import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** What the sink process tells of one message it accepted. */
export interface SunkMessage {
  recipients: string[];
  messageId: string;
  /** When the sink accepted it (ms since the epoch). */
  at: number;
}

export interface SmtpSinkProcess {
  /** `smtp://127.0.0.1:<port>` */
  url: string;
  /** How many messages it accepted so far. */
  count(): Promise<number>;
  /** The messages whose text contains `containing`. */
  messages(containing: string): Promise<SunkMessage[]>;
  /** Freezes the sink's process for `ms` (SIGSTOP, then SIGCONT), as a stalled relay or network would. */
  freeze(ms: number): Promise<void>;
  stop(): Promise<void>;
}

/** Starts tests/helpers/smtp-sink-child.ts in its own process, as a relay on another machine would be. */
export async function startSmtpSinkProcess(): Promise<SmtpSinkProcess> {
  const child: ChildProcess = fork(join(import.meta.dirname, 'smtp-sink-child.ts'), { stdio: 'inherit' });
  const ask = async <T>(request: object): Promise<T> => {
    const answer = once(child, 'message') as Promise<[T]>;
    child.send(request);
    return (await answer)[0];
  };
  const [{ url }] = (await once(child, 'message')) as [{ url: string }];
  return {
    url,
    count: async () => (await ask<{ count: number }>({ kind: 'count' })).count,
    messages: async (containing) => (await ask<{ messages: SunkMessage[] }>({ kind: 'messages', containing })).messages,
    freeze: async (ms) => {
      child.kill('SIGSTOP');
      await sleep(ms);
      child.kill('SIGCONT');
    },
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.disconnect();
      await exited;
    },
  };
}
