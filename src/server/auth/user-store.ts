import { z } from 'zod';
import type { Clock } from '../clock.ts';
import { countRow, flag, integer, nullableText, text } from '../store/columns.ts';
import type { Sql } from '../store/sql.ts';

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

const accountRow = z
  .object({
    id: integer,
    username: text,
    role: z.enum(ROLES),
    password_hash: text,
    disabled: flag,
    totp_secret: nullableText,
    totp_last_step: integer,
  })
  .transform(
    (row): LoginAccount => ({
      id: row.id,
      username: row.username,
      role: row.role,
      passwordHash: row.password_hash,
      disabled: row.disabled,
      totpSecret: row.totp_secret,
      totpLastStep: row.totp_last_step,
    }),
  );
const idRow = z.object({ id: integer });
const pendingRow = z.object({ totp_pending: nullableText });

/** Accounts of coordinators, administrators and editors (who agree the lines, see user-sector-store.ts). */
export class UserStore {
  readonly #sql: Sql;
  readonly #clock: Clock;

  constructor(sql: Sql, clock: Clock) {
    this.#sql = sql;
    this.#clock = clock;
  }

  async add(username: string, role: Role, passwordHash: string): Promise<User> {
    const row = await this.#sql.get(
      idRow,
      'INSERT INTO users (username, role, password_hash, created_at) VALUES ($1, $2, $3, $4) RETURNING id',
      [username, role, passwordHash, this.#clock.now().toISOString()],
    );
    return { id: idRow.parse(row).id, username, role };
  }

  findByName(username: string): Promise<LoginAccount | undefined> {
    return this.#sql.get(
      accountRow,
      'SELECT id, username, role, password_hash, disabled, totp_secret, totp_last_step FROM users WHERE username = $1',
      [username],
    );
  }

  async setPassword(username: string, passwordHash: string): Promise<boolean> {
    return (
      (await this.#sql.run('UPDATE users SET password_hash = $1 WHERE username = $2', [passwordHash, username])) > 0
    );
  }

  async setDisabled(username: string, disabled: boolean): Promise<boolean> {
    return (
      (await this.#sql.run('UPDATE users SET disabled = $1 WHERE username = $2', [disabled ? 1 : 0, username])) > 0
    );
  }

  /** Replaces the second factor: a new TOTP secret and new recovery codes (stored hashed); old ones stop working. */
  setSecondFactor(userId: number, totpSecret: string, recoveryCodeHashes: string[]): Promise<void> {
    return this.#sql.transaction(async () => {
      await this.#sql.run('UPDATE users SET totp_secret = $1, totp_last_step = 0, totp_pending = NULL WHERE id = $2', [
        totpSecret,
        userId,
      ]);
      await this.#sql.run('DELETE FROM recovery_codes WHERE user_id = $1', [userId]);
      for (const hash of recoveryCodeHashes)
        await this.#sql.run('INSERT INTO recovery_codes (user_id, code_hash) VALUES ($1, $2)', [userId, hash]);
    });
  }

  /** A new TOTP secret being set up in the console, until a code from the app confirms it. */
  async setPendingTotp(userId: number, secret: string | null): Promise<void> {
    await this.#sql.run('UPDATE users SET totp_pending = $1 WHERE id = $2', [secret, userId]);
  }

  async pendingTotp(userId: number): Promise<string | null> {
    return (
      (await this.#sql.get(pendingRow, 'SELECT totp_pending FROM users WHERE id = $1', [userId]))?.totp_pending ?? null
    );
  }

  /** Records that the TOTP code of `step` was used; false when it (or a later one) was used already. */
  async useTotpStep(userId: number, step: number): Promise<boolean> {
    return (
      (await this.#sql.run('UPDATE users SET totp_last_step = $1 WHERE id = $2 AND totp_last_step < $3', [
        step,
        userId,
        step,
      ])) > 0
    );
  }

  /** Uses up a recovery code; false when it does not exist or was used already. */
  async useRecoveryCode(userId: number, codeHash: string): Promise<boolean> {
    return (
      (await this.#sql.run(
        'UPDATE recovery_codes SET used_at = $1 WHERE user_id = $2 AND code_hash = $3 AND used_at IS NULL',
        [this.#clock.now().getTime(), userId, codeHash],
      )) > 0
    );
  }

  async unusedRecoveryCodes(userId: number): Promise<number> {
    const row = await this.#sql.get(
      countRow,
      'SELECT COUNT(*) AS n FROM recovery_codes WHERE user_id = $1 AND used_at IS NULL',
      [userId],
    );
    return row?.n ?? 0;
  }

  async count(): Promise<number> {
    return (await this.#sql.get(countRow, 'SELECT COUNT(*) AS n FROM users'))?.n ?? 0;
  }
}
