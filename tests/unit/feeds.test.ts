import { describe, expect, it } from 'vitest';
import type { Broadcast } from '../../src/schemas/broadcast.ts';
import { atomFeed } from '../../src/server/feeds/atom-feed.ts';
import { capMessage, capTime } from '../../src/server/feeds/cap-message.ts';
import { jsonFeed } from '../../src/server/feeds/json-feed.ts';
import { toPublicUpdates } from '../../src/server/feeds/public-update.ts';
import { present } from '../helpers/present.ts';

const INJECTION = `<script>alert("x")</script> & 'quote'`;

function broadcast(overrides: Partial<Broadcast>): Broadcast {
  return {
    id: '20261123-aaaa',
    messageType: 'alert',
    references: null,
    scriptSlug: 'zorg-stroomuitval',
    scenario: 'stroomuitval',
    status: 'published',
    training: false,
    channels: ['web'],
    lists: [],
    fields: {},
    severity: 'Severe',
    area: INJECTION,
    title: `Stroom ${INJECTION}`,
    webBody: `Tekst ${INJECTION}\n\nWat kunt u doen?`,
    emailSubject: 'Onderwerp',
    emailText: 'Tekst',
    smsText: 'Sms',
    createdBy: 'anna',
    createdAt: '2026-11-23T09:00:00.000Z',
    submittedAt: '2026-11-23T09:01:00.000Z',
    approvedBy: 'bram',
    publishedAt: '2026-11-23T09:02:00.000Z',
    returned: null,
    ...overrides,
  };
}

const context = {
  publicUrl: 'https://baken.example.nl',
  listPath: '/actueel/',
  title: 'Baken',
  orgName: 'Gemeente Voorbeeldstad',
  updated: '2026-11-23T09:02:00.000Z',
};

describe('feeds', () => {
  const original = broadcast({});
  const correction = broadcast({
    id: '20261123-bbbb',
    messageType: 'update',
    references: original.id,
    title: 'Correctie',
    publishedAt: '2026-11-23T09:10:00.000Z',
  });
  const updates = toPublicUpdates([correction, original]);

  it('marks an original as corrected and its correction as current', () => {
    expect(updates.map((u) => [u.broadcast.id, u.state])).toEqual([
      ['20261123-bbbb', 'active'],
      ['20261123-aaaa', 'corrected'],
    ]);
    const withdrawn = toPublicUpdates([
      broadcast({ id: 'c', messageType: 'cancel', references: original.id }),
      original,
    ]);
    expect(withdrawn.map((u) => u.state)).toEqual(['notice', 'withdrawn']);
  });

  it('escapes user text in Atom and never leaves a raw tag', () => {
    const xml = atomFeed(updates, context);
    expect(xml).not.toContain('<script>');
    expect(xml).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &apos;quote&apos;');
    expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="nl">');
    expect(xml).toContain('[Gecorrigeerd] Stroom');
  });

  it('names the organisation as author in Atom, JSON Feed and CAP, never a coordinator', () => {
    const atom = atomFeed(updates, context);
    expect(atom).toContain('<author><name>Gemeente Voorbeeldstad</name></author>');
    const json = jsonFeed(updates, context);
    expect(JSON.parse(json).authors).toEqual([{ name: 'Gemeente Voorbeeldstad', url: 'https://baken.example.nl/' }]);
    const cap = capMessage(original, [], { ...context, eventName: 'Stroomuitval' });
    expect(cap).toContain('<senderName>Gemeente Voorbeeldstad</senderName>');
    for (const text of [atom, json, cap]) {
      expect(text).not.toContain('anna');
      expect(text).not.toContain('bram');
    }
  });

  it('writes JSON Feed 1.1 whose text survives a round trip unchanged', () => {
    const feed = JSON.parse(jsonFeed(updates, context)) as {
      version: string;
      items: Array<{ title: string; content_text: string; url: string }>;
    };
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    expect(feed.items[1]?.content_text).toBe(original.webBody);
    expect(feed.items[1]?.url).toBe('https://baken.example.nl/actueel/#bericht-20261123-aaaa');
  });

  it('writes CAP with Update, references to the original, and escaped text', () => {
    const xml = capMessage(correction, [original], { ...context, eventName: 'Stroomuitval' });
    expect(xml).toContain('<msgType>Update</msgType>');
    expect(xml).toContain(
      `<references>baken@baken.example.nl,baken-20261123-aaaa,${capTime(present(original.publishedAt, 'the publication time'))}</references>`,
    );
    expect(xml).toContain('<status>Actual</status>');
    expect(xml).not.toContain('<script>');
    expect(capMessage(broadcast({ training: true }), [], { ...context, eventName: 'x' })).toContain(
      '<status>Exercise</status>',
    );
  });

  it('writes CAP times with an offset and no fractions, as the schema wants', () => {
    expect(capTime('2026-11-23T09:02:03.456Z')).toBe('2026-11-23T09:02:03-00:00');
  });
});
