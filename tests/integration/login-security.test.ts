import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  ApiClient,
  addUserWithCli,
  type CliAccount,
  rememberSecondFactor,
  totpCodeFor,
} from '../helpers/api-client.ts';
import { runBakenCli } from '../helpers/baken-cli.ts';
import { jsonFrom } from '../helpers/http-from.ts';
import { type RunningHub, startHub } from '../helpers/hub-server.ts';
import { present } from '../helpers/present.ts';

// Each login runs a real scrypt hash (128 MiB, two at a time): slow on a busy machine.
vi.setConfig({ testTimeout: 240_000 });

const PASSWORD = 'correct horse battery staple';

let hub: RunningHub;
let carla: CliAccount;

const cli = (args: string[], input = '') => runBakenCli(hub.dataDir, args, { input });

function query<T>(sql: string, ...params: Array<string | number>): T[] {
  const db = new DatabaseSync(join(hub.dataDir, 'baken.sqlite'));
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

const login = (from: string, body: Record<string, string>) => jsonFrom(from, `${hub.url}/api/session`, 'POST', body);
const peakMemoryKiB = () => Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${hub.pid}/status`, 'utf8'))?.[1]);

beforeAll(async () => {
  hub = await startHub();
  carla = addUserWithCli(hub.dataDir, 'carla', PASSWORD);
  addUserWithCli(hub.dataDir, 'dirk', PASSWORD);
});
afterAll(() => hub?.stop());

describe('password hashing', () => {
  it('hashes a few passwords at a time, so 40 guesses from 40 addresses at once do not use up memory', async () => {
    const before = peakMemoryKiB();
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) => login(`127.0.1.${i + 1}`, { username: 'carla', password: `spread ${i}` })),
    );
    for (const answer of answers) expect([401, 503]).toContain(answer.status);
    const busy = answers.find((a) => a.status === 503);
    if (busy) expect(busy.body.error.message).toMatch(/Probeer het over een paar seconden opnieuw/);
    // One scrypt hash takes 128 MiB: two at a time (plus the requests) stay below 400 MiB, where
    // an unbounded server would run as many as libuv has threads (four or more).
    expect(peakMemoryKiB() - before).toBeLessThan(400 * 1024);
  });
});

describe('the second factor', () => {
  it('prints an otpauth:// line and ten recovery codes when an account is made', () => {
    expect(carla.otpauthUri).toMatch(/^otpauth:\/\/totp\/Baken:carla\?secret=[A-Z2-7]{32}&issuer=Baken$/);
    expect(carla.recoveryCodes).toHaveLength(10);
    // Only hashes are stored, never the codes themselves.
    const stored = query<{ code_hash: string }>(
      'SELECT code_hash FROM recovery_codes r JOIN users u ON u.id = r.user_id WHERE u.username = ?',
      'carla',
    );
    expect(stored).toHaveLength(10);
    for (const code of carla.recoveryCodes) expect(JSON.stringify(stored)).not.toContain(code);
  });

  it('answers 401 mfa-required without a code, refuses a wrong or reused code, and accepts a TOTP code once', async () => {
    const missing = await login('127.0.0.1', { username: 'carla', password: PASSWORD });
    expect(missing.status).toBe(401);
    expect(missing.body.error.code).toBe('mfa-required');
    expect(missing.headers['set-cookie']).toBeUndefined();

    const wrong = await login('127.0.0.1', { username: 'carla', password: PASSWORD, code: '000000' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('invalid-code');

    const code = await totpCodeFor('carla');
    const ok = await login('127.0.0.1', { username: 'carla', password: PASSWORD, code });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.user).toEqual({ username: 'carla', role: 'coordinator' });
    const replay = await login('127.0.0.1', { username: 'carla', password: PASSWORD, code });
    expect(replay.status).toBe(401);
    expect(replay.body.error.code).toBe('invalid-code');
  });

  it('accepts each recovery code once, in any case and with or without dashes', async () => {
    const first = present(carla.recoveryCodes[0], 'a first recovery code');
    const second = present(carla.recoveryCodes[1], 'a second recovery code');
    expect(
      (await login('127.0.0.1', { username: 'carla', password: PASSWORD, code: first.toUpperCase() })).status,
    ).toBe(200);
    expect((await login('127.0.0.1', { username: 'carla', password: PASSWORD, code: first })).status).toBe(401);
    expect(
      (await login('127.0.0.1', { username: 'carla', password: PASSWORD, code: second.replaceAll('-', '') })).status,
    ).toBe(200);
    const audited = query<{ n: number }>(
      "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'login.recovery-code-used' AND subject = 'user:carla'",
    );
    expect(audited).toEqual([{ n: 2 }]);
  });

  it('the console login form asks for the code and logs in with it', async () => {
    const page = await (await fetch(`${hub.url}/coordinator/inloggen/`)).text();
    expect(page).toMatch(/<label for="code">Code uit uw authenticator-app<\/label>/);
    expect(page).toMatch(/autocomplete="one-time-code"/);
    expect(page).not.toMatch(/onpaste/);
    const form = new URLSearchParams({
      username: 'carla',
      password: PASSWORD,
      code: await totpCodeFor('carla'),
      terug: '/coordinator/',
    });
    const response = await fetch(`${hub.url}/api/session`, { method: 'POST', body: form, redirect: 'manual' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/coordinator/');
    expect(response.headers.getSetCookie().some((c) => c.startsWith('__Host-baken-sessie='))).toBe(true);
  });
});

describe('login throttling', () => {
  it('does not let a stranger lock a coordinator out: 30 wrong passwords from another address leave her login working', async () => {
    const statuses = [];
    for (let i = 0; i < 30; i += 1)
      statuses.push((await login('127.0.0.2', { username: 'dirk', password: `wrong guess ${i}` })).status);
    expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
    expect(statuses).toContain(429);
    const own = new ApiClient(hub.url);
    expect(await own.login('dirk', PASSWORD)).toBe(200);
  });

  it('makes a guesser wait a short delay, with Retry-After, instead of a wall', async () => {
    const from = '127.0.0.3';
    // Guess until refused; on a busy machine a request may arrive after a 1 s delay has passed.
    const untilRefused = async () => {
      const seen: number[] = [];
      for (let i = 0; i < 10; i += 1) {
        const answer = await login(from, { username: 'carla', password: `wrong ${seen.length}-${i}` });
        seen.push(answer.status);
        if (answer.status === 429) return { seen, answer };
      }
      throw new Error(`never refused: ${seen.join(', ')}`);
    };
    const first = await untilRefused();
    expect(first.seen.slice(0, 3)).toEqual([401, 401, 401]);
    expect(first.answer.body.error.code).toBe('too-many-attempts');
    const wait = Number(first.answer.headers['retry-after']);
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(30);
    expect(first.answer.body.error.message).toMatch(
      /^Te veel mislukte pogingen\. Wacht \d+ seconden? en probeer het dan opnieuw\.$/,
    );
    // After the wait the next try is checked again: a delay, not a lockout.
    await new Promise((resolve) => setTimeout(resolve, wait * 1000 + 100));
    const second = await untilRefused();
    expect(second.seen[0]).toBe(401);
    // Throttled attempts never reach the password check: only the real tries are audited.
    const tries = [...first.seen, ...second.seen].filter((status) => status === 401).length;
    const failed = query<{ n: number }>(
      "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'login.failed' AND details LIKE ?",
      `%"${from}"%`,
    );
    expect(failed).toEqual([{ n: tries }]);
  });

  it('counts 40 parallel guesses before hashing: only the free ones reach the password check', async () => {
    const from = '127.0.0.4';
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) => login(from, { username: 'carla', password: `parallel ${i}` })),
    );
    const statuses = answers.map((a) => a.status);
    // Three free tries, then one a second: a few more only if the 40 requests took seconds
    // to arrive. Counted after the hash (as before), all 40 would be checked.
    const checked = statuses.filter((s) => s === 401).length;
    expect(checked).toBeGreaterThanOrEqual(3);
    expect(checked).toBeLessThanOrEqual(8);
    expect(statuses.filter((s) => s === 429).length).toBe(40 - checked);
    const failed = query<{ n: number }>(
      "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'login.failed' AND details LIKE ?",
      `%"${from}"%`,
    );
    expect(failed).toEqual([{ n: checked }]);
  });

  it('believes no X-Forwarded-For without a trusted proxy: a forged header does not reset the count', async () => {
    const from = '127.0.0.5';
    const statuses = [];
    for (let i = 0; i < 8; i += 1)
      statuses.push(
        (
          await jsonFrom(
            from,
            `${hub.url}/api/session`,
            'POST',
            { username: 'carla', password: `forged ${i}` },
            { 'X-Forwarded-For': `203.0.113.${i}` },
          )
        ).status,
      );
    // Were each forged address believed, every try would be a first try and be checked (401).
    expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
    expect(statuses.slice(3)).toContain(429);
  });

  it('checks a password for an unknown user as for a known one (a real dummy hash), so both take a hashing slot', async () => {
    // 40 unknown user names at once from 40 addresses: if unknown users skipped the hash,
    // all would be answered 401 at once; hashed, they fill the two slots and the queue.
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        login(`127.0.2.${i + 1}`, { username: `nobody-${i}`, password: 'not the password at all' }),
      ),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 401).length).toBeGreaterThanOrEqual(2);
    expect(statuses.filter((s) => s === 503).length).toBeGreaterThan(0);
    expect(statuses.every((s) => s === 401 || s === 503)).toBe(true);
  });
});

describe('passwords and the CLI for the day something goes wrong', () => {
  it('refuses short and common passwords in Dutch, and accepts a long passphrase', () => {
    const short = cli(['user', 'add', 'eva', '--role', 'coordinator', '--password-stdin'], 'kort wachtw\n');
    expect(short.status).toBe(2);
    expect(short.stderr).toContain('minstens 12 tekens');
    const common = cli(['user', 'add', 'eva', '--role', 'coordinator', '--password-stdin'], 'qwerty123456\n');
    expect(common.status).toBe(2);
    expect(common.stderr).toContain('veelgebruikte of uitgelekte wachtwoorden');
    const long = cli(
      ['user', 'add', 'eva', '--role', 'admin', '--password-stdin'],
      `${`${'lange zin met veel woorden '.repeat(3)}en nog wat`.padEnd(80, '!')}\n`,
    );
    expect(long.status, long.stderr).toBe(0);
    expect(long.stdout.split('\n').filter((line) => line.startsWith('otpauth://totp/'))).toHaveLength(1);
  });

  it('disables a user (ending her sessions) and enables her again', async () => {
    const fay = new ApiClient(hub.url);
    addUserWithCli(hub.dataDir, 'fay', PASSWORD);
    expect(await fay.login('fay', PASSWORD)).toBe(200);
    expect(cli(['user', 'disable', 'fay']).status).toBe(0);
    expect((await fay.get('/api/broadcasts')).status).toBe(401);
    expect(await new ApiClient(hub.url).login('fay', PASSWORD)).toBe(401);
    expect(cli(['user', 'enable', 'fay']).status).toBe(0);
    expect(await new ApiClient(hub.url).login('fay', PASSWORD)).toBe(200);
  });

  it('ends all sessions of a user, resets a password and resets the second factor', async () => {
    const gert = new ApiClient(hub.url);
    addUserWithCli(hub.dataDir, 'gert', PASSWORD);
    expect(await gert.login('gert', PASSWORD)).toBe(200);
    const ended = cli(['user', 'end-sessions', 'gert']);
    expect(ended.stdout).toContain('1 sessie(s) van gert beëindigd');
    expect((await gert.get('/api/broadcasts')).status).toBe(401);

    expect(cli(['user', 'reset-password', 'gert', '--password-stdin'], 'een heel ander wachtwoord\n').status).toBe(0);
    expect(await new ApiClient(hub.url).login('gert', PASSWORD)).toBe(401);
    expect(await gert.login('gert', 'een heel ander wachtwoord')).toBe(200);

    const oldCode = await totpCodeFor('gert');
    const reset = cli(['user', 'reset-2fa', 'gert']);
    expect(reset.status).toBe(0);
    expect((await gert.get('/api/broadcasts')).status).toBe(401);
    expect(await new ApiClient(hub.url).login('gert', 'een heel ander wachtwoord', oldCode)).toBe(401);
    rememberSecondFactor('gert', reset.stdout);
    expect(await new ApiClient(hub.url).login('gert', 'een heel ander wachtwoord')).toBe(200);
  });
});

describe('the demo accounts of npm start', () => {
  it('prints a password and an otpauth:// line for each, and they log in', async () => {
    const demo = await startHub({ env: { BAKEN_DEMO: '1' } });
    try {
      const output = demo.output();
      const passwords = [...output.matchAll(/^\s+(coordinator-\d)\s+wachtwoord: (\S+)\n(otpauth:\/\/totp\/\S+)$/gm)];
      expect(passwords.map((m) => m[1])).toEqual(['coordinator-1', 'coordinator-2']);
      const [, username = '', password = '', uri = ''] = present(passwords[0], 'the first demo account');
      rememberSecondFactor(username, uri);
      expect(await new ApiClient(demo.url).login(username, password)).toBe(200);
    } finally {
      await demo.stop();
    }
  });
});
