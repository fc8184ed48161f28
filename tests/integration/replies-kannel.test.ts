import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createReplyServices } from '../../src/server/replies/create-reply-service.ts';
import type { QuestionService } from '../../src/server/replies/question-service.ts';
import type { ReplyService } from '../../src/server/replies/reply-service.ts';
import type { Services } from '../../src/server/services.ts';
import { countRow, text } from '../../src/server/store/columns.ts';
import { addSmsPool, publishedCallUp, servicesIn } from '../helpers/call-up.ts';
import { type RunningHub, startHub } from '../helpers/hub-server.ts';
import { type RunningKannelMo, startKannelMo } from '../helpers/kannel-mo.ts';
import { waitFor } from '../helpers/wait-for.ts';

const SECRET = 'mo-secret-for-the-kannel-test-0123';
const phone = (n: number) => `+3161000${String(n).padStart(4, '0')}`;

let hub: RunningHub;
let kannel: RunningKannelMo;
let forger: RunningKannelMo;
// The test shares the hub's data folder: it sets up the call-up and reads the tally there.
let services: Services;
let replies: ReplyService;
let questions: QuestionService;
let broadcastId: string;

beforeAll(async () => {
  hub = await startHub({ env: { BAKEN_MO_SECRET: SECRET } });
  services = await servicesIn(hub.dataDir);
  ({ questions, replies } = createReplyServices(services));
  await addSmsPool(
    services,
    'Reservisten zorg',
    'Reservist',
    Array.from({ length: 6 }, (_, i) => phone(i + 1)),
  );
  broadcastId = await publishedCallUp(services, questions, {
    script: 'zorg-oproep-reservisten-stroomuitval',
    fields: { organisatie: 'Zorggroep X', datum: '05-03-2027', tijd: '14:00', locatie: 'De Linde' },
    needed: 2,
    pools: ['Reservisten zorg'],
  });
  kannel = await startKannelMo(`${hub.url}/api/mo/kannel?secret=${SECRET}`);
  forger = await startKannelMo(`${hub.url}/api/mo/kannel?secret=not-the-secret-at-all`);
}, 90_000);
afterAll(async () => {
  await kannel?.stop();
  await forger?.stop();
  await services?.close();
  await hub?.stop();
});

describe('replies through Kannel (fakesmsc → bearerbox → smsbox get-url → Baken)', () => {
  it('counts replies per keyword, forgivingly, and keeps unclear ones with their text', async () => {
    await kannel.send(phone(1), 'Ja!');
    await kannel.send(phone(2), 'Nee, sorry');
    await kannel.send(phone(3), 'ik weet het nog niet');
    const view = await waitFor('three replies counted', async () => {
      const v = await questions.view(broadcastId);
      return v && v.replies.none === 3 ? v : undefined;
    });
    expect(view.replies).toEqual({ JA: 1, NEE: 1, unclear: 1, none: 3 });
    expect(view.people.find((p) => p.answer === 'unclear')?.text).toBe('ik weet het nog niet');
  });

  it('reaches "enough" with the needed yeses and gives a later yes the enough reply', async () => {
    await kannel.send(phone(4), 'JA hoor');
    await kannel.send(phone(5), 'j');
    const view = await waitFor('enough', async () => {
      const v = await questions.view(broadcastId);
      return v?.state === 'enough' && v.replies.JA === 3 ? v : undefined;
    });
    expect(view.people.filter((p) => p.role === 'chosen').map((p) => p.name)).toEqual(['Reservist 1', 'Reservist 4']);
    expect(view.people.find((p) => p.name === 'Reservist 5')?.role).toBe('reserve');
    const replyTo5 = await services.database.sql.all(
      z.object({ text }),
      'SELECT b.sms_text AS text FROM outbox o JOIN broadcasts b ON b.id = o.broadcast_id WHERE o.address = $1 AND b.internal = 1',
      [phone(5)],
    );
    expect(replyTo5.map((r) => r.text)).toEqual([
      'Dank u wel! We hebben al genoeg mensen. U staat op de reservelijst.',
    ]);
  });

  it('keeps replies from unknown numbers apart and never counts them', async () => {
    await kannel.send('+31699990000', 'JA');
    await waitFor(
      'the unknown reply stored',
      async () => (await replies.unmatched()).some((r) => r.sender === '+31699990000') || undefined,
    );
    expect((await questions.view(broadcastId))?.replies.JA).toBe(3);
  });

  it('unsubscribes a number that sends STOP', async () => {
    expect(await services.subscribers.byAddress('sms', phone(6))).toBeDefined();
    await kannel.send(phone(6), 'STOP');
    await waitFor('the subscriber deleted', async () =>
      (await services.subscribers.byAddress('sms', phone(6))) ? undefined : true,
    );
    const logged = await services.database.sql.get(
      countRow,
      "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'subscription.deleted.stop'",
    );
    expect(logged?.n).toBe(1);
  });

  it('refuses a reply with the wrong secret, through Kannel and directly, without echoing it', async () => {
    const before = (await questions.view(broadcastId))?.replies;
    await forger.send(phone(2), 'JA');
    const direct = await fetch(
      `${hub.url}/api/mo/kannel?from=${encodeURIComponent(phone(2))}&text=JA&secret=%3Cscript%3E`,
    );
    expect(direct.status).toBe(403);
    const body = await direct.text();
    expect(body).not.toContain('script');
    expect(body).toContain('geweigerd');
    const missing = await fetch(`${hub.url}/api/mo/kannel?from=1&text=JA`);
    expect(missing.status).toBe(403);
    expect((await questions.view(broadcastId))?.replies).toEqual(before);
  });

  it('refuses oversized input with a Dutch message that does not repeat it', async () => {
    const long = 'A'.repeat(1_601);
    const response = await fetch(`${hub.url}/api/mo/kannel?from=${phone(1)}&text=${long}&secret=${SECRET}`);
    expect(response.status).toBe(400);
    expect(await response.text()).not.toContain('AAAA');
  });

  it('takes a reply from an HTTP provider webhook with the token, and refuses one without', async () => {
    const post = (headers: Record<string, string>, body: unknown) =>
      fetch(`${hub.url}/api/mo/http`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });
    expect((await post({}, { msisdn: phone(3), text: 'ja' })).status).toBe(403);
    expect(
      (await post({ Authorization: 'Bearer wrong-token-0123456789' }, { msisdn: phone(3), text: 'ja' })).status,
    ).toBe(403);
    const accepted = await post({ Authorization: `Bearer ${SECRET}` }, { msisdn: phone(3), message: 'Ja, toch wel' });
    expect(accepted.status).toBe(200);
    expect(await accepted.json()).toEqual({ status: 'counted' });
    const person = (await questions.view(broadcastId))?.people.find((p) => p.name === 'Reservist 3');
    expect(person).toMatchObject({ answer: 'JA', text: 'Ja, toch wel', role: 'reserve' });
  });

  it('shows the personal reply page on GET without answering, and answers on POST', async () => {
    const subscriber = await services.subscribers.byAddress('sms', phone(2));
    if (!subscriber) throw new Error('no subscriber');
    const page = `${hub.url}/antwoord/${broadcastId}/?token=${encodeURIComponent(services.personalTokens.sign(subscriber.token))}`;
    const shown = await fetch(page);
    expect(shown.status).toBe(200);
    expect(shown.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await shown.text();
    expect(html).toContain('Ja, ik kan komen');
    expect(html).toContain('method="post"');
    expect((await questions.view(broadcastId))?.people.find((p) => p.name === 'Reservist 2')?.answer).toBe('NEE');
    const answered = await fetch(page, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: hub.url },
      body: 'antwoord=JA',
    });
    expect(answered.status).toBe(200);
    expect(await answered.text()).toContain('We hebben al genoeg mensen');
    expect((await questions.view(broadcastId))?.people.find((p) => p.name === 'Reservist 2')?.answer).toBe('JA');
    const forged = await fetch(page.replace(/token=[^&]+/, 'token=abc.def'));
    expect(forged.status).toBe(404);
    expect(await forged.text()).not.toContain('Ja, ik kan komen');
  });
});
