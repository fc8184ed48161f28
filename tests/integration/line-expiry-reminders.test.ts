import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileScriptSource } from '../../src/server/broadcast/file-script-source.ts';
import { manualClock } from '../../src/server/clock.ts';
import { dueReminder } from '../../src/server/lines/expiry-reminders.ts';
import { createServices, type Services } from '../../src/server/services.ts';
import { contentRepoCopy } from '../helpers/content-repo.ts';

let content: string;
let services: Services;
const clock = manualClock(new Date('2027-01-01T08:00:00Z'));
const SCHOOL = 'onderwijs-datalek';
const CROSS = 'alle-sectoren-regionale-stroomuitval';

function expireOn(slug: string, date: string): void {
  const file = join(content, 'scripts', `${slug}.md`);
  writeFileSync(file, readFileSync(file, 'utf8').replace(/^geldig_tot: .*$/m, `geldig_tot: ${date}`));
}

const owner = (name: string, email: string) => ({
  name,
  email,
  phone: null,
  preferredChannel: 'email' as const,
  fallbackChannel: null,
  consent: 'test',
});

/** The emails waiting in the outbox, as the worker would claim them (with a lease that outlasts the test's clock). */
const queuedEmails = async () =>
  (
    await services.outbox.claim(
      'test',
      { channel: 'email', training: false },
      100,
      clock.now().getTime() + 1,
      10 * 365 * 24 * 3_600_000,
    )
  )
    .map((row) => `${row.address}: ${row.emailSubject}`)
    .sort();

beforeAll(async () => {
  content = contentRepoCopy();
  services = await createServices({
    database: { sqlite: ':memory:' },
    keyDir: null,
    clock,
    scripts: fileScriptSource(content),
    contentDir: content,
  });
  // Every other line far away, so only the two below are due.
  for (const file of readdirSync(join(content, 'scripts')))
    if (file.endsWith('.md') && file !== 'README.md') expireOn(file.replace(/\.md$/, ''), '2028-06-01');
  expireOn(SCHOOL, '2027-01-25');
  expireOn(CROSS, '2027-01-06');
  await services.subscribers.upsertIntoList('eigenaars-onderwijs', owner('Olga', 'olga@school.example'), true);
  await services.subscribers.upsertIntoList('eigenaars-zorg', owner('Zoe', 'zoe@zorg.example'), true);
  await services.lineOwners.set('onderwijs-kinderopvang', 'eigenaars-onderwijs');
  await services.lineOwners.set('zorg-welzijn', 'eigenaars-zorg');
});
afterAll(() => rmSync(content, { recursive: true, force: true }));

describe('dueReminder', () => {
  it.each([
    ['2027-03-01', undefined],
    ['2027-01-31', 30],
    ['2027-01-08', 7],
    ['2027-01-01', 7],
    ['2026-12-31', undefined],
  ])('on 2027-01-01 a line valid until %s is due for %s', (geldigTot, expected) => {
    expect(dueReminder(geldigTot, '2027-01-01')).toBe(expected);
  });
});

describe('expiry reminders', () => {
  it('emails the owners’ lists of the line’s sectors through the outbox, once per reminder day', async () => {
    expect(await services.sendExpiryReminders()).toBe(2);
    expect(await queuedEmails()).toEqual([
      'olga@school.example: Lijn verloopt op 2027-01-06: Langdurige stroomuitval in de regio: noodsteunpunten zijn open',
      'olga@school.example: Lijn verloopt op 2027-01-25: Datalek op school',
      'zoe@zorg.example: Lijn verloopt op 2027-01-06: Langdurige stroomuitval in de regio: noodsteunpunten zijn open',
    ]);
    // Again the same day, or the next: nothing new until the 7-day reminder of the school line.
    expect(await services.sendExpiryReminders()).toBe(0);
    clock.advance(24 * 60 * 60 * 1000);
    expect(await services.sendExpiryReminders()).toBe(0);
    clock.set(new Date('2027-01-18T08:00:00Z'));
    expect(await services.sendExpiryReminders()).toBe(1);
    expect(await queuedEmails()).toEqual(['olga@school.example: Lijn verloopt op 2027-01-25: Datalek op school']);
    const audit = (await services.audit.recent(10)).filter((e) => e.action === 'line.expiry-reminder');
    expect(audit.map((e) => [e.subject, e.details.days])).toEqual([
      ['line:onderwijs-datalek', 7],
      ['line:onderwijs-datalek', 30],
      ['line:alle-sectoren-regionale-stroomuitval', 7],
    ]);
  });
});
