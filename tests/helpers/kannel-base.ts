import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningProcess, startProcess } from './child-process.ts';
import { freePort } from './free-port.ts';
import { waitFor } from './wait-for.ts';

// Debian packages kannel (bearerbox, smsbox) and kannel-extras (fakesmsc).
const BEARERBOX = '/usr/sbin/bearerbox';
const SMSBOX = '/usr/sbin/smsbox';
export const FAKESMSC = '/usr/lib/kannel/test/fakesmsc';

/** What both Kannel set-ups of the tests share: a temp folder, loopback ports, the boxes and the admin status page. */
export interface KannelBase {
  dir: string;
  /** Port where the fake SMSC (fakesmsc) connects to bearerbox. */
  smscPort: number;
  /** bearerbox's status page (empty while it does not answer). */
  status(): Promise<string>;
  /** Starts a program in the folder; it is stopped with the rest. */
  start(program: string, args: string[], onLine?: (line: string) => void): RunningProcess;
  /** Throws with the program's output when it stopped. */
  alive(running: RunningProcess, name: string): void;
  /** Starts smsbox and waits until bearerbox counts it on-line. */
  startSmsbox(): Promise<RunningProcess>;
  /** Stops every program (last started first) and removes the folder. */
  stop(): Promise<void>;
}

/**
 * Writes kannel.conf (the core group on 127.0.0.1 with `core` lines added, a fake SMSC, and
 * the smsbox group with `smsbox` lines added, followed by `groups`) into a temp folder and
 * starts bearerbox. `groups` gets `extraPort`, a free port for a group of the caller's own.
 */
export async function startKannelBase(options: {
  prefix: string;
  core?: string;
  smsbox: (extraPort: number) => string;
  groups: string;
}): Promise<KannelBase & { extraPort: number }> {
  const dir = mkdtempSync(join(tmpdir(), options.prefix));
  const [adminPort, boxPort, smscPort, extraPort] = [
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  const adminPassword = randomBytes(8).toString('hex');
  const config = join(dir, 'kannel.conf');
  writeFileSync(
    config,
    `group = core
admin-port = ${adminPort}
admin-interface = 127.0.0.1
admin-password = ${adminPassword}
smsbox-port = ${boxPort}
smsbox-interface = 127.0.0.1
box-allow-ip = 127.0.0.1
${options.core ?? ''}
group = smsc
smsc = fake
smsc-id = fake
our-host = 127.0.0.1
port = ${smscPort}
connect-allow-ip = 127.0.0.1

group = smsbox
bearerbox-host = 127.0.0.1
bearerbox-port = ${boxPort}
${options.smsbox(extraPort)}
${options.groups}`,
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
  const start = (program: string, args: string[], onLine?: (line: string) => void) => {
    const running = startProcess(program, args, { cwd: dir, ...(onLine && { onLine }) });
    processes.push(running);
    return running;
  };
  const base = {
    dir,
    smscPort,
    extraPort,
    status,
    start,
    alive,
    stop,
    startSmsbox: async () => {
      const smsbox = start(SMSBOX, ['-v', '2', config]);
      await waitFor('smsbox to connect', async () => {
        alive(smsbox, 'smsbox');
        return /smsbox:.*on-line/.test(await status()) || undefined;
      });
      return smsbox;
    },
  };
  try {
    // -v 2: warnings and errors only on the boxes' output.
    const bearerbox = start(BEARERBOX, ['-v', '2', config]);
    await waitFor('bearerbox', async () => {
      alive(bearerbox, 'bearerbox');
      return (await status()).includes('Status: running') || undefined;
    });
  } catch (error) {
    await stop();
    throw error;
  }
  return base;
}
