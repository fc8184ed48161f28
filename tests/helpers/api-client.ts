import { totpCode } from '../../src/server/auth/totp.ts';
import { runBakenCli } from './baken-cli.ts';

export interface CliAccount {
  /** The `otpauth://totp/…` line the CLI printed. */
  otpauthUri: string;
  /** The base32 TOTP secret from that line. */
  totpSecret: string;
  recoveryCodes: string[];
}

// TOTP secrets of the accounts this test process made, by user name, and the last time step
// each used (the server accepts each code once).
const accounts = new Map<string, { secret: string; lastStep: number }>();

/** Creates an account through the real CLI (`npm run baken -- user add … --password-stdin`, `extra` before the password flag, e.g. `--sector zorg-welzijn`) and remembers its TOTP secret; `env` adds settings (e.g. BAKEN_DATABASE_URL). */
export function addUserWithCli(
  dataDir: string,
  username: string,
  password: string,
  role = 'coordinator',
  extra: string[] = [],
  env: Record<string, string> = {},
): CliAccount {
  const result = runBakenCli(dataDir, ['user', 'add', username, '--role', role, ...extra, '--password-stdin'], {
    input: `${password}\n`,
    env,
  });
  if (result.status !== 0) throw new Error(`user add failed: ${result.stderr}`);
  return rememberSecondFactor(username, result.stdout);
}

/** Reads the otpauth line and recovery codes the CLI printed (user add, user reset-2fa) and remembers the secret. */
export function rememberSecondFactor(username: string, cliOutput: string): CliAccount {
  const lines = cliOutput.split('\n');
  const otpauthUri = lines.find((line) => line.startsWith('otpauth://totp/'));
  const totpSecret = otpauthUri && new URL(otpauthUri).searchParams.get('secret');
  if (!otpauthUri || !totpSecret) throw new Error(`no otpauth:// line in:\n${cliOutput}`);
  const heading = lines.findIndex((line) => line.startsWith('Herstelcodes'));
  accounts.set(username, { secret: totpSecret, lastStep: 0 });
  return { otpauthUri, totpSecret, recoveryCodes: heading < 0 ? [] : (lines[heading + 1] ?? '').trim().split(/\s+/) };
}

/**
 * A valid TOTP code for an account made with `addUserWithCli`, as an authenticator app would
 * show it. Each code is good for one login, so this takes the next unused time step (the
 * server allows one step of drift) and waits for a new one when those are used up: two
 * logins of one account per 30 seconds without waiting.
 */
export async function totpCodeFor(username: string): Promise<string> {
  const account = accounts.get(username);
  if (!account) throw new Error(`no TOTP secret known for ${username}: make the account with addUserWithCli`);
  for (;;) {
    const current = Math.floor(Date.now() / 30_000);
    // The current step and the next stay valid for at least 30 s more, even on a slow machine.
    const step = Math.max(current, account.lastStep + 1);
    if (step <= current + 1) {
      account.lastStep = step;
      return totpCode(account.secret, new Date(step * 30_000));
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

/** An answer of the API. */
export interface ApiAnswer {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON the API sends.
  body: any;
  headers: Headers;
}

/** A JSON API client that keeps the session cookie, as a browser would. */
export class ApiClient {
  readonly base: string;
  cookie = '';

  constructor(base: string) {
    this.base = base;
  }

  async request(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiAnswer> {
    const response = await fetch(`${this.base}${path}`, {
      method,
      redirect: 'manual',
      headers: {
        Accept: 'application/json',
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...(this.cookie ? { Cookie: this.cookie } : {}),
        ...headers,
      },
      body: body === undefined ? null : JSON.stringify(body),
    });
    const setCookie = response.headers.getSetCookie().find((c) => c.startsWith('__Host-baken-sessie='));
    const [pair] = setCookie?.split(';') ?? [];
    if (pair) this.cookie = pair;
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // Not JSON (a page or a feed): keep the text.
    }
    return { status: response.status, body: parsed, headers: response.headers };
  }

  /** Logs in with the password and, for an account made with `addUserWithCli`, a fresh TOTP code. */
  async login(username: string, password: string, code?: string): Promise<number> {
    code ??= accounts.has(username) ? await totpCodeFor(username) : undefined;
    return (await this.request('POST', '/api/session', { username, password, ...(code ? { code } : {}) })).status;
  }

  post(path: string, body: unknown = {}) {
    return this.request('POST', path, body);
  }

  get(path: string) {
    return this.request('GET', path);
  }
}
