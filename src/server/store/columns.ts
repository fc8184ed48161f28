import { z } from 'zod';

/*
 * Column parsers for row schemas. The two databases hand back the same columns a little
 * differently (PostgreSQL's COUNT and BIGINT arrive as strings, SQLite's as numbers); these
 * make one shape of both, and fail loudly on anything else.
 */

/** An integer column (ids, counts, ms since the epoch). */
export const integer = z.union([z.number(), z.bigint(), z.string().regex(/^-?\d+$/)]).transform(Number);

/** An integer column that may be NULL. */
export const nullableInteger = z.union([z.null(), integer]);

/** A text column. */
export const text = z.string();

/** A text column that may be NULL. */
export const nullableText = z.string().nullable();

/** A BLOB/BYTEA column (SQLite gives a Uint8Array, PostgreSQL a Buffer): always a plain Uint8Array. */
export const bytes = z.instanceof(Uint8Array).transform((value) => new Uint8Array(value));

/** A 0/1 column as a boolean. */
export const flag = z.union([z.number(), z.string(), z.boolean()]).transform((v) => v === true || Number(v) === 1);

/** A text column holding JSON, parsed by `schema`. */
export function jsonText<T>(schema: z.ZodType<T>) {
  return z.string().transform((value, ctx) => {
    try {
      return schema.parse(JSON.parse(value));
    } catch {
      ctx.addIssue({ code: 'custom', message: 'ongeldige JSON in de database' });
      return z.NEVER;
    }
  });
}

/** A row of one integer column named `n` (COUNT(*) AS n and the like). */
export const countRow = z.object({ n: integer });
