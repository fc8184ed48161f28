import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningProcess, startProcess } from './child-process.ts';
import { freePort } from './free-port.ts';
import { FAKESMSC } from './kannel.ts';
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
  const dir = mkdtempSync(join(tmpdir(), 'baken-kannel-mo-'));
  const [adminPort, boxPort, smscPort] = [await freePort(), await freePort(), await freePort()];
  const adminPassword = randomBytes(8).toString('hex');
  const config = join(dir, 'kannel.conf');
  const separator = getUrl.includes('?') ? '&' : '?';
  writeFileSync(
    config,
    `group = core
admin-port = ${adminPort}
admin-interface = 127.0.0.1
admin-password = ${adminPassword}
smsbox-port = ${boxPort}
smsbox-interface = 127.0.0.1
box-allow-ip = 127.0.0.1

group = smsc
smsc = fake
smsc-id = fake
our-host = 127.0.0.1
port = ${smscPort}
connect-allow-ip = 127.0.0.1

group = smsbox
bearerbox-host = 127.0.0.1
bearerbox-port = ${boxPort}
mo-recode = true

group = sms-service
keyword = default
catch-all = true
max-messages = 0
get-url = "${getUrl}${separator}from=%p&to=%P&text=%a"
`,
  );
  const processes: RunningProcess[] = [];
  const stop = async () => {
    for (const running of processes.toReversed()) await running.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  const status = async () => {
    try {
      return await (await fetch(`http://127.0.0.1:${adminPort}/status.txt?password=${adminPassword}`)).text();
    } catch {
      return '';
    }
  };
  const alive = (running: RunningProcess, name: string) => {
    if (running.child.exitCode !== null) throw new Error(`${name} stopped:\n${running.output()}`);
  };
  try {
    const bearerbox = startProcess('/usr/sbin/bearerbox', ['-v', '2', config], { cwd: dir });
    processes.push(bearerbox);
    await waitFor('bearerbox', async () => {
      alive(bearerbox, 'bearerbox');
      return (await status()).includes('Status: running') || undefined;
    });
    const smsbox = startProcess('/usr/sbin/smsbox', ['-v', '2', config], { cwd: dir });
    processes.push(smsbox);
    await waitFor('smsbox to connect', async () => {
      alive(smsbox, 'smsbox');
      return /smsbox:.*on-line/.test(await status()) || undefined;
    });
  } catch (error) {
    await stop();
    throw error;
  }

  /** Runs fakesmsc until bearerbox counted `expected` received messages in total. */
  let receivedSoFar = 0;
  const run = async (args: string[], count: number) => {
    const fakesmsc = startProcess(FAKESMSC, ['-H', '127.0.0.1', '-r', String(smscPort), '-i', '0.001', ...args], {
      cwd: dir,
    });
    const target = receivedSoFar + count;
    try {
      await waitFor(
        `bearerbox to receive ${target} messages`,
        async () => {
          const received = /SMS: received (\d+)/.exec(await status())?.[1];
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
    stop,
  };
}
