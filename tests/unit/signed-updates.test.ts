import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MAX_BACKOFF_MS, nextDelay, UpstreamFollower } from '../../src/relay/follow-upstream.ts';
import type { RelayCopy } from '../../src/relay/relay-copy-fs.ts';
import { parseRelayOptions, RelayOptionsError } from '../../src/relay/relay-options.ts';
import { keyIdOf, signUpdates } from '../../src/relay/signing-key.ts';
import { verifySignedUpdates } from '../../src/relay/verify-signed-updates.ts';
import type { UpdatesDocument } from '../../src/schemas/signed-updates.ts';
import { manualClock } from '../../src/server/clock.ts';

const hub = generateKeyPairSync('ed25519');
const trusted = { key: hub.publicKey, keyId: keyIdOf(hub.publicKey) };

function document(sequence: number, signedAt = '2026-11-25T10:00:00.000Z'): UpdatesDocument {
  return {
    hub: 'https://baken.example.nl',
    sequence,
    signedAt,
    updates: [
      {
        id: 'b1',
        type: 'alert',
        state: 'active',
        title: 'Stroomuitval',
        text: 'Blijf rustig.',
        publishedAt: '2026-11-25T09:00:00.000Z',
        references: null,
        replacedBy: null,
        area: 'Voorbeeldstad',
      },
    ],
  };
}
const signed = (doc: UpdatesDocument, key = hub.privateKey) => JSON.stringify(signUpdates(doc, key));

describe('verifySignedUpdates', () => {
  it('accepts a document signed by the trusted key and gives back what was signed', () => {
    const result = verifySignedUpdates(signed(document(3)), trusted, undefined);
    expect(result.ok && result.document).toEqual(document(3));
  });

  it('refuses a document changed after signing, even by one character', () => {
    const envelope = signUpdates(document(3), hub.privateKey);
    const changed = { ...envelope, document: envelope.document.replace('Blijf rustig.', 'Ga naar buiten.') };
    expect(verifySignedUpdates(JSON.stringify(changed), trusted, undefined)).toMatchObject({
      ok: false,
      code: 'bad-signature',
    });
  });

  it('refuses a document signed with another key, also when it claims the trusted key id', () => {
    const other = generateKeyPairSync('ed25519');
    expect(verifySignedUpdates(signed(document(3), other.privateKey), trusted, undefined)).toMatchObject({
      ok: false,
      code: 'other-key',
    });
    const forged = { ...signUpdates(document(3), other.privateKey), keyId: trusted.keyId };
    expect(verifySignedUpdates(JSON.stringify(forged), trusted, undefined)).toMatchObject({
      ok: false,
      code: 'bad-signature',
    });
  });

  it('refuses an older document than the one held (a replay), and accepts a newer signature of the same', () => {
    const held = { sequence: 3, signedAt: '2026-11-25T10:00:00.000Z' };
    expect(verifySignedUpdates(signed(document(2, '2026-11-25T11:00:00.000Z')), trusted, held)).toMatchObject({
      ok: false,
      code: 'replay',
    });
    expect(verifySignedUpdates(signed(document(3, '2026-11-25T09:59:00.000Z')), trusted, held)).toMatchObject({
      ok: false,
      code: 'replay',
    });
    expect(verifySignedUpdates(signed(document(3, '2026-11-25T10:01:00.000Z')), trusted, held).ok).toBe(true);
    expect(verifySignedUpdates(signed(document(4, '2026-11-25T09:00:00.000Z')), trusted, held).ok).toBe(true);
  });

  it("explains every refusal in Dutch, never with the validator's English", () => {
    const wrongDocument = signUpdates({ ...document(1), sequence: -1 }, hub.privateKey);
    for (const text of ['<html>', '{"format":"iets anders"}', JSON.stringify(wrongDocument)]) {
      const result = verifySignedUpdates(text, trusted, undefined);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.reason).toMatch(/het antwoord|de ondertekende inhoud/);
        expect(result.reason).not.toMatch(/Invalid|expected|Too small/i);
      }
    }
  });
});

describe('nextDelay (backoff while the central hub is away)', () => {
  it.each([
    [30_000, 0, 30_000],
    [30_000, 1, 60_000],
    [30_000, 2, 120_000],
    [30_000, 3, 240_000],
    [30_000, 9, 240_000],
    [60_000, 9, MAX_BACKOFF_MS],
    [500, 50, 4_000],
    [600_000, 3, 600_000],
  ])('poll %i ms after %i failures waits %i ms', (poll, failures, expected) => {
    expect(nextDelay(poll, failures)).toBe(expected);
  });
});

describe('parseRelayOptions', () => {
  it('follows nobody without BAKEN_UPSTREAM', () => {
    expect(parseRelayOptions({}, '/b/hub-public-key.json')).toBeUndefined();
  });

  it('reads the hub address, the poll interval and the key path', () => {
    expect(
      parseRelayOptions(
        { BAKEN_UPSTREAM: 'https://baken.example.nl/pad', BAKEN_UPSTREAM_POLL_SECONDS: '0.5' },
        '/b/k.json',
      ),
    ).toEqual({ upstream: 'https://baken.example.nl', pollMs: 500, keyPath: '/b/k.json' });
  });

  it('lists every bad setting at once, in Dutch', () => {
    try {
      parseRelayOptions({ BAKEN_UPSTREAM: 'ftp://x', BAKEN_UPSTREAM_POLL_SECONDS: 'vaak' }, undefined);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(RelayOptionsError);
      const message = (error as Error).message;
      expect(message).toContain('BAKEN_UPSTREAM: geef het adres');
      expect(message).toContain('BAKEN_UPSTREAM_POLL_SECONDS');
      expect(message).toContain('BAKEN_UPSTREAM_KEY');
    }
  });
});

describe('UpstreamFollower', () => {
  function follower(answers: Array<string | Error>, save: (copy: RelayCopy) => void = () => undefined) {
    const lines: string[] = [];
    const clock = manualClock(new Date('2026-11-25T12:00:00Z'));
    const follow = new UpstreamFollower({
      upstream: 'https://baken.example.nl',
      trusted,
      store: { load: () => undefined, save },
      clock,
      fetchText: async () => {
        const answer = answers.shift();
        if (answer instanceof Error || answer === undefined) throw answer ?? new Error('geen verbinding');
        return answer;
      },
      pollMs: 1000,
      log: (line) => lines.push(line),
    });
    return { follow, lines, clock };
  }

  it('keeps the last accepted copy through an outage and a refused answer', async () => {
    const other = generateKeyPairSync('ed25519');
    const { follow, lines, clock } = follower([
      signed(document(1)),
      new Error('geen verbinding'),
      signed(document(2), other.privateKey),
    ]);
    expect(await follow.pollOnce()).toBe(true);
    clock.advance(60_000);
    expect(await follow.pollOnce()).toBe(false);
    expect(follow.status()).toMatchObject({
      copy: { fetchedAt: new Date('2026-11-25T12:00:00Z') },
      unreachable: { reason: 'geen verbinding' },
    });
    expect(await follow.pollOnce()).toBe(false);
    expect(follow.status().copy?.document.sequence).toBe(1);
    expect(follow.status().refused?.reason).toContain('andere sleutel');
    expect(lines.some((line) => line.includes('GEWEIGERD'))).toBe(true);
  });

  it('goes on from memory when its copy cannot be written (a read-only stick)', async () => {
    const { follow, lines } = follower([signed(document(1))], () => {
      throw new Error('EROFS: read-only file system');
    });
    expect(await follow.pollOnce()).toBe(true);
    expect(follow.status().copy?.document.sequence).toBe(1);
    expect(lines.some((line) => line.includes('kunnen niet bewaard worden'))).toBe(true);
  });
});
