import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningHub, startHub } from '../helpers/hub-server.ts';
import { captured, present } from '../helpers/present.ts';
import { waitFor } from '../helpers/wait-for.ts';

let hub: RunningHub;
beforeAll(async () => {
  hub = await startHub();
}, 60_000);
afterAll(() => hub?.stop());

const spool = (kind: 'email' | 'sms') => {
  try {
    return readdirSync(join(hub.dataDir, 'spool', kind)).map((name) =>
      readFileSync(join(hub.dataDir, 'spool', kind, name), 'utf8')
        .replace(/=\r?\n/g, '')
        .replace(/=3D/g, '='),
    );
  } catch {
    return [];
  }
};
/** The code in the first message sent to `address`, waiting for it (codes are sent in the background). */
const codeFor = (kind: 'email' | 'sms', address: string) =>
  waitFor(`a code for ${address}`, () =>
    spool(kind)
      .filter((m) => m.includes(address))
      .map((m) => /code is (\d{6})/.exec(m)?.[1])
      .find((code) => code !== undefined),
  );
/** Where a sign-up sent the browser. */
const locationOf = (response: Response) => present(response.headers.get('location'), 'a Location header');
const setCookieOf = (response: Response) => present(response.headers.get('set-cookie'), 'a Set-Cookie header');
const form = (data: Record<string, string>, cookie = '') => ({
  method: 'POST',
  redirect: 'manual' as const,
  headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...(cookie ? { Cookie: cookie } : {}) },
  body: new URLSearchParams(data).toString(),
});
const signUp = (data: Record<string, string>) =>
  fetch(`${hub.url}/api/abonnement/aanmelden`, form({ email: '', phone: '', channel: 'email', ...data }));
const query = <T>(sql: string, ...args: string[]) => {
  const db = new DatabaseSync(join(hub.dataDir, 'baken.sqlite'));
  try {
    return db.prepare(sql).all(...args) as T[];
  } finally {
    db.close();
  }
};
const subscriberWith = (email: string) =>
  query<{ name: string; email: string | null; phone: string | null; confirmed_at: string | null; token: string }>(
    'SELECT * FROM subscribers WHERE email = ?',
    email,
  )[0];
/** Posts `code` on the confirmation page a sign-up redirected to; returns the page. */
const confirm = async (location: string, code: string) => (await fetch(`${hub.url}${location}`, form({ code }))).text();
const personalLink = (page: string) =>
  /href="(\/mijn-gegevens\/\?token=[^"]+)"/.exec(page)?.[1]?.replaceAll('&amp;', '&');

describe('public sign-up without disclosure', () => {
  it('confirms an email sign-up only by POST: opening the link shows a button', async () => {
    const response = await signUp({ name: 'Wijkcentrum De Brug', email: 'Info@DeBrug.example' });
    expect(response.status).toBe(303);
    const location = locationOf(response);
    expect(location).toMatch(/^\/abonnement\/bevestigen\/\?ref=[\w-]+$/);
    const mail = await waitFor('mail', () => spool('email').find((eml) => eml.includes('info@debrug.example')));
    expect(mail).not.toContain('Wijkcentrum');
    const link = captured(/(http:\/\/\S+abonnement\/bevestigen\/\S+)/, mail).replace(/^http:\/\/[^/]+/, hub.url);
    const opened = await (await fetch(link)).text();
    expect(opened).toContain('Bevestigen');
    expect(subscriberWith('info@debrug.example')).toBeUndefined();
    const code = present(new URL(link).searchParams.get('code'), 'a code in the link');
    const page = await confirm(location, code);
    expect(page).toContain('Uw aanmelding is bevestigd');
    expect(subscriberWith('info@debrug.example')).toMatchObject({ name: 'Wijkcentrum De Brug' });
    const data = await (await fetch(`${hub.url}${personalLink(page)}`)).text();
    expect(data).toContain('info@debrug.example');
    // A code works once.
    expect(await confirm(location, code)).toContain('Deze code werkt niet meer');
  });

  it('answers a sign-up with a known address exactly as a new one, and tells only that address', async () => {
    const first = await signUp({ name: 'Bakkerij', email: 'bakker@x.example' });
    await confirm(locationOf(first), await codeFor('email', 'bakker@x.example'));
    const before = present(subscriberWith('bakker@x.example'), 'the subscriber bakker@x.example');

    const known = await signUp({ name: 'Aanvaller', email: 'bakker@x.example' });
    const fresh = await signUp({ name: 'Aanvaller', email: 'nieuw@x.example' });
    for (const response of [known, fresh]) {
      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toMatch(/^\/abonnement\/bevestigen\/\?ref=[\w-]+$/);
      expect(response.headers.get('location')).not.toContain(before.token);
    }
    expect(decodeURIComponent(setCookieOf(known)).replace(/ref=[\w-]+/, '')).toBe(
      decodeURIComponent(setCookieOf(fresh)).replace(/ref=[\w-]+/, ''),
    );
    // What the attacker typed changes nothing, and the page they land on shows nothing.
    expect(subscriberWith('bakker@x.example')).toEqual(before);
    expect(await (await fetch(`${hub.url}${known.headers.get('location')}`)).text()).not.toContain('bakker@x.example');
    // The owner of the address gets a code that opens their own data.
    const mail = await waitFor('the mail to the owner', () =>
      spool('email').find((m) => m.includes('bakker@x.example') && m.includes('U bent al aangemeld')),
    );
    const page = await confirm(locationOf(known), captured(/code is (\d{6})/, mail));
    expect(page).toContain('U bent al aangemeld');
    expect(await (await fetch(`${hub.url}${personalLink(page)}`)).text()).toContain('Bakkerij');
    // The JSON answer is the same too (after the confirmation above: a new sign-up sends the owner another code).
    const json = async (email: string) => {
      const r = await fetch(`${hub.url}/api/abonnement/aanmelden`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: 'Aanvaller', email, phone: '', channel: 'email' }),
      });
      return { status: r.status, keys: Object.keys((await r.json()) as object).sort() };
    };
    expect(await json('bakker@x.example')).toEqual(await json('nieuw2@x.example'));
  });

  it('sends nothing to a fallback contact until it is confirmed with its own code', async () => {
    const response = await signUp({ name: 'Theater', email: 'theater@x.example', phone: '06 1234 5010' });
    const location = locationOf(response);
    await confirm(location, await codeFor('email', 'theater@x.example'));
    expect(subscriberWith('theater@x.example')).toMatchObject({ phone: null });
    const sms = await waitFor('sms', () => spool('sms').find((s) => s.includes('+31612345010')));
    expect(sms).toContain('tweede manier');
    const smsRef = present(
      query<{ ref: string }>("SELECT ref FROM contact_confirmations WHERE address = '+31612345010'")[0],
      'a confirmation for the fallback number',
    ).ref;
    const page = await confirm(`/abonnement/bevestigen/?ref=${smsRef}`, captured(/code is (\d{6})/, sms));
    expect(page).toContain('Uw mobiele nummer is bevestigd');
    expect(subscriberWith('theater@x.example')).toMatchObject({ phone: '+31612345010' });
  });

  it('refuses a sixth try of a code, even the right one', async () => {
    const response = await signUp({ name: 'Club', phone: '06 1234 5009', channel: 'sms' });
    const location = locationOf(response);
    const code = await codeFor('sms', '+31612345009');
    const wrong = code === '000000' ? '111111' : '000000';
    const pages = [];
    for (let i = 0; i < 5; i += 1) pages.push(await confirm(location, wrong));
    expect(pages[0]).toContain('Deze code klopt niet. U kunt het nog 4 keer proberen.');
    expect(pages[0]).toContain(`value="${wrong}"`);
    expect(await confirm(location, code)).toContain('Deze code werkt niet meer');
    expect(query('SELECT * FROM subscribers WHERE phone = ?', '+31612345009')).toHaveLength(0);
  });

  it('keeps only a token id in the database: that id alone opens nobody’s data', async () => {
    const { token } = present(subscriberWith('theater@x.example'), 'the subscriber theater@x.example');
    expect(await (await fetch(`${hub.url}/mijn-gegevens/?token=${token}`)).text()).toContain('Deze link werkt niet');
    expect(await (await fetch(`${hub.url}/afmelden/?token=${token}`, form({}))).text()).toContain(
      'Deze link werkt niet',
    );
    expect(subscriberWith('theater@x.example')).toBeDefined();
  });

  it('refuses a name with link characters and brings the form back as it was typed, in Dutch', async () => {
    const bad = await signUp({ name: 'Klik op https://kwaad.example', email: 'z@x.example', phone: '0612345011' });
    expect(bad.status).toBe(303);
    expect(bad.headers.get('location')).toBe('/abonnement/aanmelden/');
    const cookie = setCookieOf(bad).split(';')[0] ?? '';
    const page = await (await fetch(`${hub.url}/abonnement/aanmelden/`, { headers: { Cookie: cookie } })).text();
    expect(page).toContain('Gebruik in uw naam alleen letters');
    expect(page).toContain('value="z@x.example"');
    expect(page).toContain('value="0612345011"');
    const json = await fetch(`${hub.url}/api/abonnement/aanmelden`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'X', phone: '12345', channel: 'sms' }),
    });
    expect(json.status).toBe(400);
    expect(((await json.json()) as { error: { message: string; fields: unknown[] } }).error).toMatchObject({
      message: expect.stringContaining('telefoonnummer'),
      fields: [{ field: 'phone' }],
    });
  });

  it('throttles repeated sign-ups per address', async () => {
    const statuses = [];
    for (let i = 0; i < 4; i += 1) {
      const r = await fetch(`${hub.url}/api/abonnement/aanmelden`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: 'Y', email: 'y@x.example', phone: '', channel: 'email' }),
      });
      statuses.push(r.status);
    }
    expect(statuses).toEqual([202, 202, 202, 429]);
  });

  it('deletes a subscriber with the one-click unsubscribe of RFC 8058 on their personal link', async () => {
    const response = await signUp({ name: 'Kapper', email: 'kapper@x.example' });
    const page = await confirm(locationOf(response), await codeFor('email', 'kapper@x.example'));
    const token = present(
      new URL(present(personalLink(page), 'a personal link'), hub.url).searchParams.get('token'),
      'a token in the personal link',
    );
    const oneClick = await fetch(
      `${hub.url}/afmelden/?token=${encodeURIComponent(token)}`,
      form({ 'List-Unsubscribe': 'One-Click' }),
    );
    expect(oneClick.status).toBe(200);
    expect(await oneClick.text()).toContain('U bent afgemeld');
    expect(subscriberWith('kapper@x.example')).toBeUndefined();
  });
});
