import type { AuditLog } from '../audit/audit-log.ts';
import type { Clock } from '../clock.ts';
import type { Database } from '../store/database.ts';
import { FAILURE_WINDOW_MS, loginAllowed } from './login-throttle.ts';
import { verifyPassword } from './password.ts';
import type { SessionStore } from './sessions.ts';
import type { User, UserStore } from './users.ts';

export type LoginResult = { ok: true; user: User; sessionId: string } | { ok: false; reason: 'invalid' | 'throttled' };

// Verifying against a dummy hash when the user does not exist keeps response times alike.
const DUMMY_HASH = 'scrypt$131072$8$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

/** Checks a login: throttling per account and per IP, the password, and the audit trail. */
export class LoginService {
  readonly #db: Database;
  readonly #clock: Clock;
  readonly #users: UserStore;
  readonly #sessions: SessionStore;
  readonly #audit: AuditLog;

  constructor(deps: { db: Database; clock: Clock; users: UserStore; sessions: SessionStore; audit: AuditLog }) {
    this.#db = deps.db;
    this.#clock = deps.clock;
    this.#users = deps.users;
    this.#sessions = deps.sessions;
    this.#audit = deps.audit;
  }

  async login(username: string, password: string, ip: string): Promise<LoginResult> {
    const now = this.#clock.now().getTime();
    const since = now - FAILURE_WINDOW_MS;
    const count = (column: 'username' | 'ip', value: string) =>
      (this.#db.prepare(`SELECT COUNT(*) AS n FROM login_attempts WHERE ${column} = ? AND at > ? AND success = 0`).get(value, since) as { n: number }).n;
    const record = (success: boolean) => this.#db.prepare('INSERT INTO login_attempts (username, ip, at, success) VALUES (?, ?, ?, ?)').run(username, ip, now, success ? 1 : 0);

    if (!loginAllowed({ forAccount: count('username', username), forAddress: count('ip', ip) })) {
      this.#audit.append({ actor: username, action: 'login.throttled', subject: `user:${username}`, details: { ip } });
      return { ok: false, reason: 'throttled' };
    }
    const user = this.#users.findByName(username);
    const valid = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !valid) {
      record(false);
      this.#audit.append({ actor: username, action: 'login.failed', subject: `user:${username}`, details: { ip } });
      return { ok: false, reason: 'invalid' };
    }
    record(true);
    const sessionId = this.#sessions.create(user.id);
    this.#audit.append({ actor: username, action: 'login.succeeded', subject: `user:${username}`, details: { ip } });
    return { ok: true, user: { id: user.id, username: user.username, role: user.role }, sessionId };
  }
}
