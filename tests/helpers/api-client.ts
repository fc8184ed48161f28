import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from './hub-server.ts';

/** Creates an account through the real CLI (`npm run baken -- user add … --password-stdin`). */
export function addUserWithCli(dataDir: string, username: string, password: string, role = 'coordinator'): void {
  const result = spawnSync(process.execPath, [join(projectRoot, 'scripts/baken.ts'), 'user', 'add', username, '--role', role, '--password-stdin'], {
    cwd: projectRoot,
    env: { ...process.env, BAKEN_DATA_DIR: dataDir },
    input: `${password}\n`,
    encoding: 'utf8',
    timeout: 30_000,
  });
  if (result.status !== 0) throw new Error(`user add failed: ${result.stderr}`);
}

/** A JSON API client that keeps the session cookie, as a browser would. */
export class ApiClient {
  readonly base: string;
  cookie = '';

  constructor(base: string) {
    this.base = base;
  }

  // `body` is `any` on purpose: tests read whatever JSON the API sends.
  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: any; headers: Headers }> {
    const response = await fetch(`${this.base}${path}`, {
      method,
      redirect: 'manual',
      headers: { Accept: 'application/json', ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...(this.cookie ? { Cookie: this.cookie } : {}), ...headers },
      body: body === undefined ? null : JSON.stringify(body),
    });
    const setCookie = response.headers.getSetCookie().find((c) => c.startsWith('__Host-baken-sessie='));
    if (setCookie) this.cookie = setCookie.split(';')[0]!;
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // Not JSON (a page or a feed): keep the text.
    }
    return { status: response.status, body: parsed, headers: response.headers };
  }

  async login(username: string, password: string): Promise<number> {
    return (await this.request('POST', '/api/session', { username, password })).status;
  }

  post(path: string, body: unknown = {}) {
    return this.request('POST', path, body);
  }

  get(path: string) {
    return this.request('GET', path);
  }
}
