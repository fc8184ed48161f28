import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Broadcast } from '../../src/schemas/broadcast.ts';
import type { User } from '../../src/server/auth/user-store.ts';
import { OutboxWorker } from '../../src/server/outbox/worker.ts';
import { memoryTransport } from '../helpers/memory-transport.ts';
import { present } from '../helpers/present.ts';
import { alertInput } from '../helpers/publish-broadcast.ts';
import { addCoordinator, type TestServices, testServices } from '../helpers/test-services.ts';

const fields = {
  organisatie: 'Zorggroep De Linde',
  gemeente: 'Voorbeeldstad',
  locatie: 'Wijkcentrum De Brug',
  tijd: '14:30',
};

describe('composing, approving, publishing and correcting a broadcast (SQLite, real rules)', () => {
  let services: TestServices;
  let anna: User;
  let bram: User;

  beforeAll(async () => {
    services = await testServices();
    [anna, bram] = await Promise.all([addCoordinator(services, 'anna'), addCoordinator(services, 'bram')]);
    const people = [
      {
        name: 'School A',
        email: 'a@school.example',
        phone: '+31612345001',
        preferredChannel: 'email' as const,
        fallbackChannel: 'sms' as const,
        consent: 'test',
      },
      {
        name: 'School B',
        email: null,
        phone: '+31612345002',
        preferredChannel: 'sms' as const,
        fallbackChannel: null,
        consent: 'test',
      },
      {
        name: 'School C',
        email: 'c@school.example',
        phone: null,
        preferredChannel: 'email' as const,
        fallbackChannel: null,
        consent: 'test',
      },
    ];
    for (const p of people) await services.subscribers.upsertIntoList('Schoolleiders', p, true);
    await services.subscribers.upsertIntoList(
      'Leeg',
      { ...present(people[0], 'a first person'), email: 'unconfirmed@x.example', phone: null },
      false,
    );
  });
  afterAll(() => services.close());

  async function publishAlert(training = false): Promise<Broadcast> {
    const created = await services.broadcastService.create(
      {
        script: 'zorg-stroomuitval',
        channels: ['web', 'email', 'sms'],
        lists: ['Schoolleiders', 'Leeg'],
        training,
        fields,
        severity: 'Severe',
        area: 'Voorbeeldstad',
      },
      anna,
    );
    if (!created.ok) throw new Error(JSON.stringify(created));
    expect((await services.broadcastService.submit(created.value.id, anna)).ok).toBe(true);
    const approved = await services.broadcastService.approve(created.value.id, bram);
    if (!approved.ok) throw new Error(JSON.stringify(approved));
    return approved.value;
  }

  it('fills the placeholders and refuses a draft with a field missing or too long', async () => {
    const missing = await services.broadcastService.create(
      alertInput([], ['web'], { fields: { gemeente: 'X' }, severity: 'Moderate', area: 'X' }),
      anna,
    );
    expect(missing.ok).toBe(false);
    expect(!missing.ok && 'invalid' in missing && missing.invalid.map((p) => p.field)).toEqual(
      expect.arrayContaining(['fields.organisatie']),
    );
    const tooLong = await services.broadcastService.create(
      alertInput([], ['web'], { fields: { ...fields, gemeente: 'x'.repeat(25) }, severity: 'Moderate', area: 'X' }),
      anna,
    );
    expect(!tooLong.ok && 'invalid' in tooLong && tooLong.invalid[0]?.message).toMatch(/Maximaal 24/);
    const draft = await services.broadcastService.create(
      alertInput([], ['web'], { fields, severity: 'Moderate', area: 'X' }),
      anna,
    );
    expect(draft.ok && draft.value.smsText).toContain('Voorbeeldstad');
    expect(draft.ok && draft.value.smsText).not.toMatch(/\{[a-z]+\}/);
  });

  it('refuses self-approval with 403 and audits the attempt; a second coordinator publishes', async () => {
    const created = await services.broadcastService.create(
      alertInput([], ['web'], { fields, severity: 'Moderate', area: 'X' }),
      anna,
    );
    if (!created.ok) throw new Error('create failed');
    await services.broadcastService.submit(created.value.id, anna);
    const self = await services.broadcastService.approve(created.value.id, anna);
    expect(self).toMatchObject({ ok: false, refusal: { status: 403, code: 'self-approval' } });
    expect((await services.audit.recent(5, `broadcast:${created.value.id}`)).map((e) => e.action)).toContain(
      'broadcast.approve.refused',
    );
    const other = await services.broadcastService.approve(created.value.id, bram);
    expect(other).toMatchObject({ ok: true, value: { status: 'published', approvedBy: 'bram', createdBy: 'anna' } });
  });

  it('writes one outbox row per confirmed recipient on their first channel when publishing', async () => {
    const published = await publishAlert();
    const counts = await services.outbox.counts(published.id);
    expect(counts).toEqual([
      { channel: 'email', status: 'queued', count: 2 },
      { channel: 'sms', status: 'queued', count: 1 },
    ]);
  });

  it('sends, retries a transient failure, falls back to SMS on a permanent email failure, and fails over to the next provider', async () => {
    const published = await publishAlert();
    let flaky = 0;
    const smtp = memoryTransport('email', 'smtp-1', {
      script: (m) =>
        m.to === 'c@school.example'
          ? flaky++ === 0
            ? 'transient'
            : undefined
          : m.to === 'a@school.example'
            ? 'permanent'
            : undefined,
    });
    const deadSms = memoryTransport('sms', 'kannel', { script: () => 'transient' });
    const backupSms = memoryTransport('sms', 'http-sms');
    const worker = new OutboxWorker({
      outbox: services.outbox,
      clock: services.clock,
      live: { email: [smtp], sms: [deadSms, backupSms] },
      spool: {
        email: [memoryTransport('email', 'spool-email')],
        sms: [memoryTransport('sms', 'spool-sms')],
      },
      publicUrl: 'https://baken.example.nl',
      random: () => 0.5,
    });
    for (let i = 0; i < 10; i += 1) {
      await worker.runOnce();
      services.clock.advance(5_000);
    }
    const counts = Object.fromEntries(
      (await services.outbox.counts(published.id)).map((c) => [`${c.channel}.${c.status}`, c.count]),
    );
    expect(counts).toEqual({ 'email.fell_back': 1, 'email.sent': 1, 'sms.sent': 2 });
    // Earlier tests left queued rows of their own; look only at this broadcast's messages.
    const ours = <T extends { idempotencyKey: string }>(list: T[]) =>
      list.filter((m) => m.idempotencyKey.startsWith(`${published.id}.`));
    expect(ours(smtp.sent).map((m) => m.to)).toEqual(['c@school.example']);
    expect(
      ours(backupSms.sent)
        .map((m) => m.to)
        .sort(),
    ).toEqual(['+31612345001', '+31612345002']);
    expect(deadSms.sent).toEqual([]);
    const email = present(ours(smtp.sent)[0], 'an email of this test');
    expect(email.headers['List-Unsubscribe']).toMatch(/^<https:\/\/baken\.example\.nl\/afmelden\/\?token=/);
    expect(email.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    expect(email.text).toContain('Afmelden');
    expect((await services.outbox.failures(published.id))[0]).toMatchObject({
      channel: 'email',
      status: 'fell_back',
      lastError: expect.stringContaining('smtp-1'),
    });
  });

  it('sends an exercise only to the spools, with OEFENING in front of every message', async () => {
    const published = await publishAlert(true);
    expect(published.title.startsWith('OEFENING')).toBe(true);
    const live = memoryTransport('email', 'smtp-1');
    const liveSms = memoryTransport('sms', 'kannel');
    const spoolEmail = memoryTransport('email', 'spool-email');
    const spoolSms = memoryTransport('sms', 'spool-sms');
    const worker = new OutboxWorker({
      outbox: services.outbox,
      clock: services.clock,
      live: { email: [live], sms: [liveSms] },
      spool: { email: [spoolEmail], sms: [spoolSms] },
      publicUrl: 'https://b.example',
    });
    while ((await worker.runOnce()) > 0) services.clock.advance(1000);
    expect(live.attempts + liveSms.attempts).toBe(0);
    expect(spoolEmail.sent.length + spoolSms.sent.length).toBeGreaterThanOrEqual(3);
    for (const m of spoolEmail.sent) expect(m.subject.startsWith('OEFENING')).toBe(true);
    for (const m of spoolEmail.sent) expect(m.text.startsWith('OEFENING')).toBe(true);
    for (const m of spoolSms.sent) expect(m.text.startsWith('OEFENING')).toBe(true);
  });

  it('sends a correction to every recipient and channel that received the original, and a withdrawal too', async () => {
    const original = await publishAlert();
    const smtp = memoryTransport('email', 'smtp-1', {
      script: (m) => (m.to === 'a@school.example' ? 'permanent' : undefined),
    });
    const sms = memoryTransport('sms', 'kannel');
    const worker = new OutboxWorker({
      outbox: services.outbox,
      clock: services.clock,
      live: { email: [smtp], sms: [sms] },
      spool: { email: [], sms: [] },
      publicUrl: 'https://b.example',
      random: () => 0,
    });
    while ((await worker.runOnce()) > 0) services.clock.advance(1000);
    const received = (await services.outbox.recipientsOf(original.id)).map((r) => `${r.channel}:${r.address}`).sort();
    expect(received).toEqual(['email:c@school.example', 'sms:+31612345001', 'sms:+31612345002']);

    const correction = await services.broadcastService.correct(original.id, { locatie: 'Sporthal De Brug' }, bram);
    if (!correction.ok) throw new Error(JSON.stringify(correction));
    expect(correction.value).toMatchObject({ messageType: 'update', references: original.id, status: 'draft' });
    expect(correction.value.title).toMatch(/^Correctie: /);
    await services.broadcastService.submit(correction.value.id, bram);
    expect((await services.broadcastService.approve(correction.value.id, bram)).ok).toBe(false);
    expect((await services.broadcastService.approve(correction.value.id, anna)).ok).toBe(true);
    const targeted = (await services.outbox.recipientsOf(correction.value.id))
      .map((r) => `${r.channel}:${r.address}`)
      .sort();
    expect(targeted).toEqual(received);

    const cancel = await services.broadcastService.cancel(original.id, anna);
    if (!cancel.ok) throw new Error('cancel failed');
    expect(cancel.value.messageType).toBe('cancel');
    await services.broadcastService.submit(cancel.value.id, anna);
    await services.broadcastService.approve(cancel.value.id, bram);
    expect(
      (await services.outbox.recipientsOf(cancel.value.id)).map((r) => `${r.channel}:${r.address}`).sort(),
    ).toEqual(received);
    expect(await services.broadcastService.cancel(cancel.value.id, anna)).toMatchObject({
      ok: false,
      refusal: { code: 'is-cancellation' },
    });
  });

  it('keeps an audit chain that verifies, and reports the first edited entry', async () => {
    expect(await services.audit.verify()).toMatchObject({ ok: true });
    const entries = (await services.audit.recent(1000)).reverse();
    expect(entries.length).toBeGreaterThan(10);
    // Tampering needs direct database access: the triggers refuse UPDATE through SQL.
    await expect(services.database.sql.run("UPDATE audit_log SET actor = 'mallory' WHERE seq = 3")).rejects.toThrow(
      /append-only/,
    );
    const db = services.database.sqlite;
    if (!db) throw new Error('this test needs the SQLite store');
    db.exec('DROP TRIGGER audit_log_no_update');
    db.prepare("UPDATE audit_log SET actor = 'mallory' WHERE seq = 3").run();
    expect(await services.audit.verify()).toMatchObject({
      ok: false,
      seq: 3,
      reason: expect.stringContaining('de inhoud is gewijzigd'),
    });
  });
});
