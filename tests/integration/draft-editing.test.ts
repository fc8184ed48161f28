import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Broadcast } from '../../src/schemas/broadcast.ts';
import type { User } from '../../src/server/auth/user-store.ts';
import { OutboxWorker } from '../../src/server/outbox/worker.ts';
import { memoryTransport } from '../helpers/memory-transport.ts';
import { present } from '../helpers/present.ts';
import { addCoordinator, type TestServices, testServices } from '../helpers/test-services.ts';

const fields: Record<string, string> = {
  organisatie: 'Zorggroep De Linde',
  gemeente: 'Voorbeeldstad',
  locatie: 'Gemeentehuis',
  tijd: '14:30',
};
const base = {
  script: 'zorg-stroomuitval',
  channels: ['web', 'email', 'sms'] as Array<'web' | 'email' | 'sms'>,
  lists: ['Schoolleiders'],
  training: false,
  fields,
  severity: 'Severe' as const,
  area: 'Voorbeeldstad',
};

describe('drafts that can be changed, sent back and corrected (SQLite, real rules)', () => {
  let services: TestServices;
  let anna: User;
  let bram: User;

  beforeAll(async () => {
    services = await testServices();
    [anna, bram] = await Promise.all([addCoordinator(services, 'anna'), addCoordinator(services, 'bram')]);
    const people = [
      {
        name: 'A',
        email: 'a@x.example',
        phone: '+31612345001',
        preferredChannel: 'email' as const,
        fallbackChannel: 'sms' as const,
        consent: 't',
      },
      {
        name: 'B',
        email: null,
        phone: '+31612345002',
        preferredChannel: 'sms' as const,
        fallbackChannel: null,
        consent: 't',
      },
      {
        name: 'C',
        email: 'c@x.example',
        phone: null,
        preferredChannel: 'sms' as const,
        fallbackChannel: null,
        consent: 't',
      },
    ];
    for (const p of people) await services.subscribers.upsertIntoList('Schoolleiders', p, true);
  });
  afterAll(() => services.close());

  async function draft(extra: Partial<typeof base> = {}): Promise<Broadcast> {
    const created = await services.broadcastService.create({ ...base, ...extra }, anna);
    if (!created.ok) throw new Error(JSON.stringify(created));
    return created.value;
  }

  it('stores only the fields the script uses, and refuses email or SMS without a list', async () => {
    const b = await draft({ fields: { ...fields, datum: '01-01-2027', telefoon: '0800 1234' } });
    expect(Object.keys(b.fields).sort()).toEqual(['gemeente', 'locatie', 'organisatie']);
    const noList = await services.broadcastService.create({ ...base, lists: [] }, anna);
    expect(noList).toMatchObject({ ok: false, invalid: [{ field: 'lists' }] });
  });

  it('checks formats: a time that is no time is refused at its field, in Dutch', async () => {
    const created = await services.broadcastService.create(
      {
        ...base,
        script: 'onderwijs-stroomuitval',
        fields: { ...fields, tijd: 'later', datum: '31-02-2027', telefoon: 'bel ons', website: 'https://x' },
      },
      anna,
    );
    expect(created.ok).toBe(false);
    if (created.ok || !('invalid' in created)) throw new Error('expected input problems');
    for (const problem of created.invalid) expect(problem.field).toMatch(/^fields\./);
  });

  it('lets the author change a draft and nobody else; a submitted draft cannot change', async () => {
    const b = await draft();
    expect(await services.broadcastService.update(b.id, { area: 'Oost' }, bram)).toMatchObject({
      ok: false,
      refusal: { status: 403 },
    });
    const changed = await services.broadcastService.update(
      b.id,
      { fields: { ...fields, locatie: 'Sporthal De Brug' } },
      anna,
    );
    if (!changed.ok) throw new Error(JSON.stringify(changed));
    expect(changed.value.smsText).toContain('Sporthal De Brug');
    expect(changed.value.area).toBe('Voorbeeldstad');
    await services.broadcastService.submit(b.id, anna);
    expect(await services.broadcastService.update(b.id, { area: 'Oost' }, anna)).toMatchObject({
      ok: false,
      refusal: { status: 409 },
    });
  });

  it('sends back with a reason (not by the author), which the author sees until submitting again', async () => {
    const b = await draft();
    expect(await services.broadcastService.reject(b.id, 'te vroeg', bram)).toMatchObject({
      ok: false,
      refusal: { status: 409 },
    });
    await services.broadcastService.submit(b.id, anna);
    expect(await services.broadcastService.reject(b.id, 'eigen', anna)).toMatchObject({
      ok: false,
      refusal: { status: 403 },
    });
    const back = await services.broadcastService.reject(b.id, 'Het adres klopt niet.', bram);
    expect(back).toMatchObject({
      ok: true,
      value: { status: 'draft', returned: { by: 'bram', reason: 'Het adres klopt niet.' } },
    });
    await services.broadcastService.submit(b.id, anna);
    expect(await services.broadcasts.get(b.id)).toMatchObject({ status: 'submitted', returned: null });
  });

  it('deletes only a draft, only by its author', async () => {
    const b = await draft();
    expect(await services.broadcastService.delete(b.id, bram)).toMatchObject({ ok: false, refusal: { status: 403 } });
    expect(await services.broadcastService.delete(b.id, anna)).toMatchObject({ ok: true });
    expect(await services.broadcasts.get(b.id)).toBeUndefined();
  });

  it('counts the recipients per channel they are reached on first', async () => {
    const b = await draft();
    // C prefers SMS but has no phone, so email reaches C first.
    expect(await services.broadcastService.recipientCount(b)).toEqual({ total: 3, email: 2, sms: 1 });
    expect(await services.broadcastService.recipientCount({ ...b, channels: ['web', 'email'] })).toEqual({
      total: 2,
      email: 2,
      sms: 0,
    });
    // C prefers SMS but has no phone, so email is C's second choice, whichever channels are used.
    expect(await services.broadcastService.fallbackCount(b)).toBe(1);
    expect(await services.broadcastService.fallbackCount({ ...b, channels: ['web', 'email'] })).toBe(1);
  });

  it('corrects one field: was → wordt on every channel, {tijd} is when the original went out, no change is refused', async () => {
    const b = await draft();
    await services.broadcastService.submit(b.id, anna);
    services.clock.advance(60_000);
    await services.broadcastService.approve(b.id, bram);
    const original = present(await services.broadcasts.get(b.id), 'the original broadcast');
    expect(await services.broadcastService.correct(b.id, { locatie: 'Gemeentehuis' }, bram)).toMatchObject({
      ok: false,
      invalid: [{ field: 'fields' }],
    });
    const correction = await services.broadcastService.correct(b.id, { locatie: 'Sporthal De Brug' }, bram);
    if (!correction.ok) throw new Error(JSON.stringify(correction));
    const c = correction.value;
    // {tijd} is not in this script's alert texts, so it is not kept.
    expect(c.fields).toEqual({
      organisatie: fields.organisatie,
      gemeente: fields.gemeente,
      locatie: 'Sporthal De Brug',
    });
    for (const text of [c.smsText, c.emailText, c.webBody]) {
      expect(text).toContain('Sporthal De Brug');
      expect(text).toContain('Gemeentehuis');
      expect(text).toContain('10:01');
      expect(text).not.toContain('14:30');
    }
    expect(original.publishedAt).toBe('2026-11-23T09:01:00.000Z');
  });

  it("tells the coordinators' list through the outbox when a draft is submitted, without showing the notice anywhere", async () => {
    await services.subscribers.upsertIntoList(
      'Coordinatoren',
      {
        name: 'Dirk',
        email: 'dirk@gemeente.example',
        phone: '+31612349999',
        preferredChannel: 'sms',
        fallbackChannel: 'email',
        consent: 't',
      },
      true,
    );
    await services.subscribers.upsertIntoList(
      'Coordinatoren',
      {
        name: 'Eva',
        email: 'eva@gemeente.example',
        phone: null,
        preferredChannel: 'email',
        fallbackChannel: null,
        consent: 't',
      },
      true,
    );
    const email = memoryTransport('email', 'smtp');
    const sms = memoryTransport('sms', 'kannel');
    const worker = new OutboxWorker({
      outbox: services.outbox,
      clock: services.clock,
      live: { email: [email], sms: [sms] },
      spool: { email: [], sms: [] },
      publicUrl: 'https://b.example',
    });
    const drain = async () => {
      while ((await worker.runOnce()) > 0) services.clock.advance(1000);
    };
    await drain();
    email.sent.length = 0;
    sms.sent.length = 0;
    // Without a list set, nobody is told.
    const b = await draft();
    await services.broadcastService.submit(b.id, anna);
    await drain();
    expect(email.sent.length + sms.sent.length).toBe(0);

    await services.settings.setCoordinatorsList('Coordinatoren');
    const next = await draft();
    await services.broadcastService.submit(next.id, anna);
    await drain();
    expect(email.sent.map((m) => m.to)).toEqual(['eva@gemeente.example']);
    expect(email.sent[0]?.subject).toBe(`Wacht op goedkeuring: ${next.title}`);
    expect(email.sent[0]?.text).toContain('van anna wacht op goedkeuring');
    expect(sms.sent.map((m) => m.to)).toEqual(['+31612349999']);
    expect(sms.sent[0]?.text).toMatch(/^Baken: een bericht van anna wacht op goedkeuring/);
    expect((await services.broadcasts.list()).every((x) => !x.title.startsWith('Wacht op goedkeuring'))).toBe(true);
    expect((await services.broadcasts.published(false)).every((x) => !x.title.startsWith('Wacht op goedkeuring'))).toBe(
      true,
    );
  });
});
