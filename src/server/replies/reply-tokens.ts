import { createHmac, timingSafeEqual } from 'node:crypto';

/** Who a personal reply page is for. */
export interface ReplyTarget {
  broadcastId: string;
  subscriberId: number;
}

const ID = /^[a-z0-9-]{1,64}$/;

/**
 * The token of a personal reply page: `<broadcast>.<subscriber>.<mac>`, the mac an HMAC of
 * both under a key kept outside the database. Nothing is stored, so a copy of the database
 * opens no page, and nobody can answer for someone else by changing a number in the link.
 */
export class ReplyTokens {
  readonly #key: Buffer;

  constructor(key: Buffer) {
    this.#key = key;
  }

  #mac(target: ReplyTarget): Buffer {
    return createHmac('sha256', this.#key)
      .update(`reply:${target.broadcastId}:${target.subscriberId}`)
      .digest()
      .subarray(0, 18);
  }

  sign(target: ReplyTarget): string {
    return `${target.broadcastId}.${target.subscriberId}.${this.#mac(target).toString('base64url')}`;
  }

  /** The target when `token` is genuine (compared in constant time), else undefined. */
  open(token: string): ReplyTarget | undefined {
    if (token.length > 120) return undefined;
    const [broadcastId = '', subscriber = '', mac = '', ...rest] = token.split('.');
    if (rest.length > 0 || !ID.test(broadcastId) || !/^\d{1,12}$/.test(subscriber)) return undefined;
    const target = { broadcastId, subscriberId: Number(subscriber) };
    const given = Buffer.from(mac, 'base64url');
    const expected = this.#mac(target);
    return given.length === expected.length && timingSafeEqual(given, expected) ? target : undefined;
  }
}
