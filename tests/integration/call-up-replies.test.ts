import { beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { User } from '../../src/server/auth/user-store.ts';
import { createReplyServices } from '../../src/server/replies/create-reply-service.ts';
import type { QuestionService } from '../../src/server/replies/question-service.ts';
import type { ReplyService } from '../../src/server/replies/reply-service.ts';
import type { Services } from '../../src/server/services.ts';
import { countRow, text } from '../../src/server/store/columns.ts';
import { addSmsPool } from '../helpers/call-up.ts';
import { alertInput } from '../helpers/publish-broadcast.ts';
import { addCoordinator, type TestServices, testServices } from '../helpers/test-services.ts';

const phone = (pool: number, n: number) => `+316${String(pool)}${String(n).padStart(7, '0')}`;

const addPool = (services: Services, list: string, pool: number, size: number) =>
  addSmsPool(
    services,
    list,
    list,
    Array.from({ length: size }, (_, i) => phone(pool, i + 1)),
  );

let services: TestServices;
let replies: ReplyService;
let questions: QuestionService;
let anna: User;
let bram: User;

/** A call-up draft of anna's needing `needed` from pools A then B, escalating after 30 minutes. */
async function draftCallUp(needed: number, extra: Record<string, unknown> = {}): Promise<string> {
  const created = await questions.create(
    {
      script: 'zorg-oproep-reservisten-stroomuitval',
      channels: ['sms'],
      lists: [],
      training: false,
      fields: { organisatie: 'Zorggroep X', datum: '05-03-2027', tijd: '14:00', locatie: 'De Linde' },
      severity: 'Moderate',
      area: 'Voorbeeldstad',
      needed,
      pools: ['Pool A', 'Pool B'],
      escalate_after_minutes: 30,
      ...extra,
    },
    anna,
  );
  if (!created.ok) throw new Error(JSON.stringify(created));
  return created.value.id;
}

/** Creates, submits (anna) and approves (bram) a call-up needing `needed` from pools A then B. */
async function callUp(needed: number, extra: Record<string, unknown> = {}): Promise<string> {
  const id = await draftCallUp(needed, extra);
  await services.broadcastService.submit(id, anna);
  const approved = await services.broadcastService.approve(id, bram);
  if (!approved.ok) throw new Error(JSON.stringify(approved));
  return id;
}

/** The SMS texts queued for a number, oldest first. */
async function queuedTexts(to: string): Promise<string[]> {
  const rows = await services.database.sql.all(
    z.object({ text }),
    'SELECT b.sms_text AS text FROM outbox o JOIN broadcasts b ON b.id = o.broadcast_id WHERE o.address = $1 ORDER BY o.id',
    [to],
  );
  return rows.map((row) => row.text);
}

beforeEach(async () => {
  services = await testServices();
  anna = await addCoordinator(services, 'anna');
  bram = await addCoordinator(services, 'bram');
  await addPool(services, 'Pool A', 1, 4);
  await addPool(services, 'Pool B', 2, 3);
  ({ questions, replies } = createReplyServices(services));
});

describe('a call-up over two pools', () => {
  it('counts forgiving keywords per answer, keeps unclear text and counts who did not answer', async () => {
    const id = await callUp(3);
    for (const [n, text] of [
      [1, 'Ja!'],
      [2, 'Nee, sorry'],
      [3, 'misschien morgen'],
    ] as const)
      expect(await replies.receiveSms('kannel', phone(1, n), text)).toMatchObject({ status: 'counted' });
    const view = await questions.view(id);
    expect(view?.replies).toEqual({ JA: 1, NEE: 1, unclear: 1, none: 1 });
    expect(view?.people.find((p) => p.answer === 'unclear')?.text).toBe('misschien morgen');
    expect(view?.state).toBe('asking');
    // Each answer got its own automatic reply through the outbox.
    expect((await queuedTexts(phone(1, 1))).at(-1)).toContain('Dank u wel! U hoort snel');
    expect((await queuedTexts(phone(1, 3))).at(-1)).toContain('We begrijpen uw antwoord niet');
  });

  it('asks the next pool only after the set time, and only when too few said yes', async () => {
    const id = await callUp(3);
    await replies.receiveSms('kannel', phone(1, 1), 'ja');
    services.clock.advance(29 * 60_000);
    await questions.tick();
    expect((await questions.view(id))?.pools.map((p) => p.called)).toEqual([true, false]);
    expect(await queuedTexts(phone(2, 1))).toEqual([]);
    services.clock.advance(2 * 60_000);
    await questions.tick();
    const view = await questions.view(id);
    expect(view?.pools.map((p) => [p.name, p.called, p.asked])).toEqual([
      ['Pool A', true, 4],
      ['Pool B', true, 3],
    ]);
    expect((await queuedTexts(phone(2, 1)))[0]).toContain('kunt u op 05-03-2027 vanaf 14:00');
    expect(view?.replies.none).toBe(6);
    expect(view?.state).toBe('asking');
    services.clock.advance(31 * 60_000);
    expect((await questions.view(id))?.state).toBe('pools-exhausted');
  });

  it('does not escalate once enough said yes, and answers later yeses with "enough"', async () => {
    const id = await callUp(2);
    await replies.receiveSms('kannel', phone(1, 1), 'JA hoor');
    await replies.receiveSms('kannel', phone(1, 2), 'j');
    expect((await questions.view(id))?.state).toBe('enough');
    await replies.receiveSms('kannel', phone(1, 3), 'ja');
    expect((await queuedTexts(phone(1, 3))).at(-1)).toContain('We hebben al genoeg mensen');
    expect((await queuedTexts(phone(1, 2))).at(-1)).toContain('U hoort snel');
    services.clock.advance(60 * 60_000);
    await questions.tick();
    const view = await questions.view(id);
    expect(view?.pools.map((p) => p.called)).toEqual([true, false]);
    expect(view?.people.filter((p) => p.role === 'chosen').map((p) => p.name)).toEqual(['Pool A 1', 'Pool A 2']);
    expect(view?.people.find((p) => p.name === 'Pool A 3')?.role).toBe('reserve');
  });

  it('confirms the chosen people with one message, once', async () => {
    const id = await callUp(1);
    await replies.receiveSms('kannel', phone(1, 4), 'ja');
    await replies.receiveSms('kannel', phone(1, 1), 'ja');
    const confirmed = await questions.confirm(id, bram);
    expect(confirmed).toEqual({ ok: true, value: { confirmed: 1 } });
    expect((await queuedTexts(phone(1, 4))).at(-1)).toBe(
      'We rekenen op u: kom op 05-03-2027 om 14:00 naar De Linde. Neem uw zorgpas en een opgeladen telefoon mee.',
    );
    expect((await queuedTexts(phone(1, 1))).some((t) => t.startsWith('We rekenen op u'))).toBe(false);
    expect(await questions.confirm(id, bram)).toMatchObject({ ok: false, refusal: { code: 'already-confirmed' } });
    expect((await questions.view(id))?.state).toBe('confirmed');
  });

  it('keeps replies from unknown numbers apart and never counts them', async () => {
    const id = await callUp(1);
    expect(await replies.receiveSms('kannel', '+31699999999', 'JA')).toEqual({ status: 'unknown' });
    expect((await questions.view(id))?.replies.JA).toBe(0);
    expect((await replies.unmatched()).map((r) => r.sender)).toEqual(['+31699999999']);
    expect(await queuedTexts('+31699999999')).toEqual([]);
  });

  it('unsubscribes on STOP, and forgets the person and their answers with their data', async () => {
    const id = await callUp(2);
    await replies.receiveSms('kannel', phone(1, 1), 'ja');
    expect((await questions.view(id))?.replies.JA).toBe(1);
    expect(await replies.receiveSms('kannel', phone(1, 1), 'STOP')).toEqual({ status: 'unsubscribed' });
    expect(await services.subscribers.byAddress('sms', phone(1, 1))).toBeUndefined();
    const view = await questions.view(id);
    expect(view?.replies).toEqual({ JA: 0, NEE: 0, unclear: 0, none: 3 });
    expect(view?.people.map((p) => p.name)).not.toContain('Pool A 1');
    const left = await services.database.sql.get(countRow, 'SELECT COUNT(*) AS n FROM replies WHERE sender = $1', [
      phone(1, 1),
    ]);
    expect(left?.n).toBe(0);
  });

  it('never matches a live gateway reply to an exercise, nor a simulated one to a live call-up', async () => {
    const live = await callUp(1);
    expect(await replies.receiveSms('simulator', phone(1, 1), 'ja')).toEqual({ status: 'unknown' });
    expect((await questions.view(live))?.replies.JA).toBe(0);
    const exercise = await callUp(1, { training: true });
    expect(await replies.receiveSms('simulator', phone(1, 2), 'ja')).toMatchObject({
      status: 'counted',
      broadcastId: exercise,
    });
    expect((await queuedTexts(phone(1, 2))).at(-1)).toMatch(/^OEFENING: /);
  });

  it('matches a reply to the latest open question sent to that number', async () => {
    const first = await callUp(1);
    services.clock.advance(60_000);
    const second = await callUp(1);
    expect(await replies.receiveSms('kannel', phone(1, 1), 'nee')).toMatchObject({ broadcastId: second });
    expect((await questions.view(first))?.replies.NEE).toBe(0);
  });

  it('limits how many replies one number can store per minute', async () => {
    await callUp(1);
    const results = [];
    for (let i = 0; i < 12; i += 1) results.push((await replies.receiveSms('kannel', '+31688888888', `x${i}`)).status);
    expect(results.filter((s) => s === 'limited')).toHaveLength(2);
  });

  it('takes an answer from the personal reply page only with a genuine token of someone asked', async () => {
    const id = await callUp(1);
    const tokenOf = async (address: string) => {
      const subscriber = await services.subscribers.byAddress('sms', address);
      if (!subscriber) throw new Error(`no subscriber ${address}`);
      return services.personalTokens.sign(subscriber.token);
    };
    const token = await tokenOf(phone(1, 1));
    expect(await replies.receiveWeb(id, token, 'JA')).toMatchObject({ ok: true, value: { answer: 'JA' } });
    const forged = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
    expect(await replies.receiveWeb(id, forged, 'NEE')).toMatchObject({ ok: false, refusal: { status: 404 } });
    // Pool B was not asked (yet): a genuine token of theirs answers nothing.
    expect(await replies.receiveWeb(id, await tokenOf(phone(2, 1)), 'JA')).toMatchObject({
      ok: false,
      refusal: { status: 404 },
    });
    expect(await replies.receiveWeb(id, token, 'MISSCHIEN')).toMatchObject({ ok: false });
    expect((await questions.view(id))?.replies).toMatchObject({ JA: 1, NEE: 0 });
  });

  it('refuses pools, needed or escalation on a line that asks nothing, in Dutch', async () => {
    const outcome = await questions.create(
      {
        script: 'zorg-stroomuitval',
        channels: ['sms'],
        lists: ['Pool A'],
        training: false,
        fields: {},
        severity: 'Moderate',
        area: 'x',
        needed: 3,
      },
      anna,
    );
    expect(outcome).toMatchObject({ ok: false, invalid: [{ field: 'script' }] });
  });
});

describe('replies from strangers', () => {
  it('are kept for a week, then deleted', async () => {
    expect(await replies.receiveSms('kannel', '+31655550000', 'hallo')).toEqual({ status: 'unknown' });
    services.clock.advance(6 * 24 * 3_600_000);
    expect(await replies.pruneUnmatched()).toBe(0);
    services.clock.advance(2 * 24 * 3_600_000);
    expect(await replies.pruneUnmatched()).toBe(1);
    expect(await replies.unmatched()).toEqual([]);
  });
});

describe('a roll-call', () => {
  it('counts VEILIG and HULP, needs no number and refuses one', async () => {
    const base = {
      script: 'alle-sectoren-appel-veilig',
      channels: ['sms' as const],
      lists: [],
      training: false,
      fields: { organisatie: 'Gemeente X', gemeente: 'Voorbeeldstad' },
      severity: 'Moderate' as const,
      area: 'Voorbeeldstad',
      pools: ['Pool A'],
    };
    expect(await questions.create({ ...base, needed: 3 }, anna)).toMatchObject({
      ok: false,
      invalid: [{ field: 'needed' }],
    });
    const created = await questions.create(base, anna);
    if (!created.ok) throw new Error(JSON.stringify(created));
    await services.broadcastService.submit(created.value.id, anna);
    await services.broadcastService.approve(created.value.id, bram);
    await replies.receiveSms('kannel', phone(1, 1), 'Veilig, alles goed');
    await replies.receiveSms('kannel', phone(1, 2), 'HELP');
    const view = await questions.view(created.value.id);
    expect(view?.replies).toEqual({ VEILIG: 1, HULP: 1, unclear: 0, none: 2 });
    expect(view?.needed).toBeNull();
    expect(view?.state).toBe('asking');
    expect((await queuedTexts(phone(1, 2))).at(-1)).toContain('Bij levensgevaar: bel 112');
  });
});

describe('changing a call-up draft', () => {
  const draft = () => draftCallUp(3);

  it('changes how many are needed, the pools and the escalation, and asks the new first pool', async () => {
    const id = await draft();
    const changed = await questions.update(
      id,
      { needed: 5, pools: ['Pool B', 'Pool A'], escalate_after_minutes: null },
      anna,
    );
    expect(changed.ok, JSON.stringify(changed)).toBe(true);
    expect((await services.broadcasts.get(id))?.lists).toEqual(['Pool B']);
    const view = await questions.view(id);
    expect(view).toMatchObject({ needed: 5, pools_order: ['Pool B', 'Pool A'], escalateAfterMinutes: null });
    await services.broadcastService.submit(id, anna);
    expect((await services.broadcastService.approve(id, bram)).ok).toBe(true);
    await questions.tick();
    expect((await queuedTexts(phone(2, 1)))[0]).toContain('kunt u op 05-03-2027');
    expect(await queuedTexts(phone(1, 1))).toEqual([]);
    // No escalation any more: an hour later Pool A is still not asked.
    services.clock.advance(60 * 60_000);
    await questions.tick();
    expect(await queuedTexts(phone(1, 1))).toEqual([]);
  });

  it('takes `lists` alone as the pools, as at creation', async () => {
    const id = await draft();
    expect((await questions.update(id, { lists: ['Pool B'], escalate_after_minutes: null }, anna)).ok).toBe(true);
    expect((await questions.view(id))?.pools_order).toEqual(['Pool B']);
  });

  it('refuses what does not fit, in Dutch per field, and keeps the draft as it was', async () => {
    const id = await draft();
    const problems = async (patch: Parameters<QuestionService['update']>[1]) => {
      const outcome = await questions.update(id, patch, anna);
      return !outcome.ok && 'invalid' in outcome ? outcome.invalid : outcome;
    };
    // One pool left while the draft still escalates after 30 minutes.
    expect(await problems({ pools: ['Pool A'] })).toEqual([
      { field: 'escalate_after_minutes', message: expect.stringContaining('minstens twee') },
    ]);
    expect(await problems({ needed: null })).toEqual([
      { field: 'needed', message: 'Zeg hoeveel mensen u nodig hebt.' },
    ]);
    expect(await problems({ pools: ['Pool A', 'Bestaat niet'] })).toEqual([
      { field: 'pools', message: 'De lijst "Bestaat niet" bestaat niet.' },
    ]);
    expect(await problems({ script: 'zorg-stroomuitval' })).toEqual([
      { field: 'script', message: expect.stringContaining('nieuw concept') },
    ]);
    // Only the author changes a draft.
    const byBram = await questions.update(id, { needed: 4 }, bram);
    expect(!byBram.ok && 'refusal' in byBram && byBram.refusal.code).toBe('not-the-author');
    expect(await questions.view(id)).toMatchObject({
      needed: 3,
      pools_order: ['Pool A', 'Pool B'],
      escalateAfterMinutes: 30,
    });
  });

  it('keeps question fields away from a draft that asks nothing, and that draft from a question line', async () => {
    const created = await services.broadcastService.create(alertInput(['Pool A'], ['sms']), anna);
    if (!created.ok) throw new Error(JSON.stringify(created));
    const withNeed = await questions.update(created.value.id, { needed: 3 }, anna);
    expect(!withNeed.ok && 'invalid' in withNeed && withNeed.invalid[0]?.field).toBe('script');
    const toCallUp = await questions.update(created.value.id, { script: 'zorg-oproep-reservisten-stroomuitval' }, anna);
    expect(!toCallUp.ok && 'invalid' in toCallUp && toCallUp.invalid[0]?.message).toContain('nieuw concept');
    expect((await questions.update(created.value.id, { area: 'Utrecht' }, anna)).ok).toBe(true);
  });
});
