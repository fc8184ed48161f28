import type { Clock } from '../clock.ts';
import type { Database } from '../store/database.ts';

export const ROLES = ['coordinator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface User {
  id: number;
  username: string;
  role: Role;
}

/** Accounts of coordinators and administrators. */
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

  findByName(username: string): (User & { passwordHash: string }) | undefined {
    const row = this.#db.prepare('SELECT id, username, role, password_hash FROM users WHERE username = ?').get(username) as
      | { id: number; username: string; role: Role; password_hash: string }
      | undefined;
    return row && { id: row.id, username: row.username, role: row.role, passwordHash: row.password_hash };
  }

  setPassword(username: string, passwordHash: string): boolean {
    return this.#db.prepare('UPDATE users SET password_hash = ? WHERE username = ?').run(passwordHash, username).changes > 0;
  }

  count(): number {
    return (this.#db.prepare('SELECT COUNT(*) AS n FROM users').get() as { n: number }).n;
  }

  list(): User[] {
    return this.#db.prepare('SELECT id, username, role FROM users ORDER BY username').all() as unknown as User[];
  }
}
