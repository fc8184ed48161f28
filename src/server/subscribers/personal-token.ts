import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Personal links (my data, unsubscribe) carry `<id>.<mac>`: the random id stored with the
 * subscriber and an HMAC of it under a key that lives outside the database. The database
 * holds only the id, which opens nothing by itself, so a copy of the database (a backup, a
 * leaked file) gives nobody access to anyone's data; the worker can still put a working
 * link in every email without the database ever storing it.
 */
export class PersonalTokens {
  readonly #key: Buffer;

  constructor(key: Buffer) {
    this.#key = key;
  }

  #mac(id: string): Buffer {
    return createHmac('sha256', this.#key).update(`subscriber:${id}`).digest().subarray(0, 18);
  }

  /** The token for a link, from the id stored with the subscriber. */
  sign(id: string): string {
    return `${id}.${this.#mac(id).toString('base64url')}`;
  }

  /** The stored id when `token` is genuine, else undefined (compared in constant time). */
  open(token: string): string | undefined {
    if (token.length > 100) return undefined;
    const dot = token.lastIndexOf('.');
    if (dot <= 0) return undefined;
    const id = token.slice(0, dot);
    const given = Buffer.from(token.slice(dot + 1), 'base64url');
    const expected = this.#mac(id);
    return given.length === expected.length && timingSafeEqual(given, expected) ? id : undefined;
  }
}
