import type { Clock } from '../clock.ts';
import { type Database, transaction } from '../store/database.ts';

export const ROLES = ['coordinator', 'admin', 'editor'] as const;
export type Role = (typeof ROLES)[number];

export interface User {
  id: number;
  username: string;
  role: Role;
}

/** What a login needs to know of an account. */
export interface LoginAccount extends User {
  passwordHash: string;
  disabled: boolean;
  totpSecret: string | null;
  totpLastStep: number;
}

/** Accounts of coordinators, administrators and editors (who agree the lines, see user-sector-store.ts). */
export class UserStore {
  readonly #db: Database;
  readonly #clock: Clock;

  constructor(db: Database, clock: Clock) {
    this.#db = db;
    this.#clock = clock;
  }

  add(username: string, role: Role, passwordHash: string): User {
    const result = this.#db
      .prepare('INSERT INTO users (username, role, password_hash, created_at) VALUES (?, ?, ?, ?)')
      .run(username, role, passwordHash, this.#clock.now().toISOString());
    return { id: Number(result.lastInsertRowid), username, role };
  }

  findByName(username: string): LoginAccount | undefined {
    const row = this.#db
      .prepare(
        'SELECT id, username, role, password_hash, disabled, totp_secret, totp_last_step FROM users WHERE username = ?',
      )
      .get(username) as
      | {
          id: number;
          username: string;
          role: Role;
          password_hash: string;
          disabled: number;
          totp_secret: string | null;
          totp_last_step: number;
        }
      | undefined;
    return (
      row && {
        id: row.id,
        username: row.username,
        role: row.role,
        passwordHash: row.password_hash,
        disabled: row.disabled === 1,
        totpSecret: row.totp_secret,
        totpLastStep: row.totp_last_step,
      }
    );
  }

  setPassword(username: string, passwordHash: string): boolean {
    return (
      this.#db.prepare('UPDATE users SET password_hash = ? WHERE username = ?').run(passwordHash, username).changes > 0
    );
  }

  setDisabled(username: string, disabled: boolean): boolean {
    return (
      this.#db.prepare('UPDATE users SET disabled = ? WHERE username = ?').run(disabled ? 1 : 0, username).changes > 0
    );
  }

  /** Replaces the second factor: a new TOTP secret and new recovery codes (stored hashed); old ones stop working. */
  setSecondFactor(userId: number, totpSecret: string, recoveryCodeHashes: string[]): void {
    transaction(this.#db, () => {
      this.#db
        .prepare('UPDATE users SET totp_secret = ?, totp_last_step = 0, totp_pending = NULL WHERE id = ?')
        .run(totpSecret, userId);
      this.#db.prepare('DELETE FROM recovery_codes WHERE user_id = ?').run(userId);
      const insert = this.#db.prepare('INSERT INTO recovery_codes (user_id, code_hash) VALUES (?, ?)');
      for (const hash of recoveryCodeHashes) insert.run(userId, hash);
    });
  }

  /** A new TOTP secret being set up in the console, until a code from the app confirms it. */
  setPendingTotp(userId: number, secret: string | null): void {
    this.#db.prepare('UPDATE users SET totp_pending = ? WHERE id = ?').run(secret, userId);
  }

  pendingTotp(userId: number): string | null {
    return (
      (
        this.#db.prepare('SELECT totp_pending FROM users WHERE id = ?').get(userId) as
          | { totp_pending: string | null }
          | undefined
      )?.totp_pending ?? null
    );
  }

  /** Records that the TOTP code of `step` was used; false when it (or a later one) was used already. */
  useTotpStep(userId: number, step: number): boolean {
    return (
      this.#db
        .prepare('UPDATE users SET totp_last_step = ? WHERE id = ? AND totp_last_step < ?')
        .run(step, userId, step).changes > 0
    );
  }

  /** Uses up a recovery code; false when it does not exist or was used already. */
  useRecoveryCode(userId: number, codeHash: string): boolean {
    return (
      this.#db
        .prepare('UPDATE recovery_codes SET used_at = ? WHERE user_id = ? AND code_hash = ? AND used_at IS NULL')
        .run(this.#clock.now().getTime(), userId, codeHash).changes > 0
    );
  }

  unusedRecoveryCodes(userId: number): number {
    return (
      this.#db
        .prepare('SELECT COUNT(*) AS n FROM recovery_codes WHERE user_id = ? AND used_at IS NULL')
        .get(userId) as { n: number }
    ).n;
  }

  count(): number {
    return (this.#db.prepare('SELECT COUNT(*) AS n FROM users').get() as { n: number }).n;
  }

  list(): User[] {
    return this.#db.prepare('SELECT id, username, role FROM users ORDER BY username').all() as unknown as User[];
  }
}
