/** Whether a database error is a broken UNIQUE constraint (SQLite's SQLITE_CONSTRAINT_UNIQUE or PostgreSQL's 23505). */
export function isUniqueViolation(error: unknown): boolean {
  const { errcode, code } = (error ?? {}) as { errcode?: unknown; code?: unknown };
  return errcode === 2067 || code === '23505';
}
