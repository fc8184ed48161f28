import { FAKESMSC, startKannelBase } from './kannel-base.ts';
import { waitFor } from './wait-for.ts';

export interface RunningKannelMo {
  /**
   * Sends messages from phones into bearerbox through fakesmsc, as an SMSC delivers them:
   * one fakesmsc run per message (fakesmsc picks at random among the messages it is given).
   */
  send(from: string, text: string): Promise<void>;
  /** Sends `count` messages with `text` from random numbers starting with `prefix`, at fakesmsc's pace. */
  flood(prefix: string, text: string, count: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Kannel on 127.0.0.1 for incoming SMS: bearerbox with a fake SMSC and smsbox with an
 * `sms-service` whose `get-url` is `getUrl` (the `%p`/`%a` fields added), `max-messages = 0`
 * so Kannel itself sends nothing back. fakesmsc connects only while it sends.
 */
export async function startKannelMo(getUrl: string): Promise<RunningKannelMo> {
  const separator = getUrl.includes('?') ? '&' : '?';
  const kannel = await startKannelBase({
    prefix: 'baken-kannel-mo-',
    smsbox: () => 'mo-recode = true\n',
    groups: `group = sms-service
keyword = default
catch-all = true
max-messages = 0
get-url = "${getUrl}${separator}from=%p&to=%P&text=%a"
`,
  });
  try {
    await kannel.startSmsbox();
  } catch (error) {
    await kannel.stop();
    throw error;
  }

  /** Runs fakesmsc until bearerbox counted `expected` received messages in total. */
  let receivedSoFar = 0;
  const run = async (args: string[], count: number) => {
    const fakesmsc = kannel.start(FAKESMSC, ['-H', '127.0.0.1', '-r', String(kannel.smscPort), '-i', '0.001', ...args]);
    const target = receivedSoFar + count;
    try {
      await waitFor(
        `bearerbox to receive ${target} messages`,
        async () => {
          const received = /SMS: received (\d+)/.exec(await kannel.status())?.[1];
          return received !== undefined && Number(received) >= target ? true : undefined;
        },
        60_000,
      );
      receivedSoFar = target;
    } finally {
      await fakesmsc.stop();
    }
  };
  return {
    // fakesmsc message format: "<from> <to> text <words…>"; spaces in the text are fine.
    send: (from, text) => run(['-m', '1', `${from} 1234 text ${text}`], 1),
    flood: (prefix, text, count) => run(['-z', '1', '-m', String(count), `${prefix} 1234 text ${text}`], count),
    stop: kannel.stop,
  };
}
