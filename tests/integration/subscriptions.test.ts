import { readdirSync, readFileSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type RunningHub } from '../helpers/hub-server.ts';

let hub: RunningHub;
beforeAll(async () => {
  hub = await startHub();
});
afterAll(() => hub?.stop());

const spool = (kind: 'email' | 'sms') => readdirSync(join(hub.dataDir, 'spool', kind)).map((name) => readFileSync(join(hub.dataDir, 'spool', kind, name), 'utf8'));
const form = (data: Record<string, string>) => ({ method: 'POST', redirect: 'manual' as const, headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(data).toString() });
const subscriber = (token: string) => {
  const db = new DatabaseSync(join(hub.dataDir, 'baken.sqlite'));
  const row = db.prepare('SELECT * FROM subscribers WHERE token = ?').get(token);
  db.close();
  return row as { confirmed_at: string | null; email: string | null; phone: string | null } | undefined;
};

describe('public sign-up, double opt-in and unsubscribe', () => {
  it('confirms an email sign-up through the link in the email', async () => {
    const response = await fetch(`${hub.url}/api/abonnement/aanmelden`, form({ name: 'Wijkcentrum De Brug', email: 'Info@DeBrug.example', phone: '', channel: 'email' }));
    expect(response.status).toBe(303);
    const token = new URL(response.headers.get('location')!, hub.url).searchParams.get('token')!;
    expect(subscriber(token)).toMatchObject({ confirmed_at: null, email: 'info@debrug.example' });
    const mail = spool('email').find((eml) => eml.includes('info@debrug.example'))!;
    const link = /(http:\/\/\S+abonnement\/bevestigen\/\S+)/.exec(mail.replace(/=\r?\n/g, '').replace(/=3D/g, '='))![1]!;
    const page = await (await fetch(link.replace(/^http:\/\/[^/]+/, hub.url))).text();
    expect(page).toContain('Uw aanmelding is bevestigd');
    expect(subscriber(token)?.confirmed_at).not.toBeNull();
  });

  it('confirms an SMS sign-up with the code from the SMS, and refuses a wrong code', async () => {
    const response = await fetch(`${hub.url}/api/abonnement/aanmelden`, form({ name: 'Club', email: '', phone: '06 1234 5009', channel: 'sms' }));
    const location = response.headers.get('location')!;
    const token = new URL(location, hub.url).searchParams.get('token')!;
    const text = spool('sms').find((s) => s.includes('+31612345009'))!;
    const code = /code is (\d{6})/.exec(text)![1]!;
    const wrong = await (await fetch(`${hub.url}${location}`, form({ code: code === '000000' ? '111111' : '000000' }))).text();
    expect(wrong).toContain('Deze code klopt niet');
    expect(subscriber(token)?.confirmed_at).toBeNull();
    const right = await (await fetch(`${hub.url}${location}`, form({ code }))).text();
    expect(right).toContain('Uw aanmelding is bevestigd');
  });

  it('rejects a bad phone number with a clear message, and throttles repeated sign-ups per address', async () => {
    const bad = await fetch(`${hub.url}/api/abonnement/aanmelden`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'X', email: '', phone: '12345', channel: 'sms' }) });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toContain('telefoonnummer');
    const statuses = [];
    for (let i = 0; i < 4; i += 1) {
      const r = await fetch(`${hub.url}/api/abonnement/aanmelden`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'Y', email: 'y@x.example', phone: '', channel: 'email' }) });
      statuses.push(r.status);
    }
    expect(statuses).toEqual([202, 202, 202, 429]);
  });

  it('shows a subscriber their data, and deletes it with the one-click unsubscribe of RFC 8058', async () => {
    const response = await fetch(`${hub.url}/api/abonnement/aanmelden`, form({ name: 'Theater', email: 'theater@x.example', phone: '0612345010', channel: 'email' }));
    const token = new URL(response.headers.get('location')!, hub.url).searchParams.get('token')!;
    const data = await (await fetch(`${hub.url}/mijn-gegevens/?token=${token}`)).text();
    expect(data).toContain('theater@x.example');
    expect(data).toContain('+31612345010');
    const oneClick = await fetch(`${hub.url}/afmelden/?token=${token}`, form({ 'List-Unsubscribe': 'One-Click' }));
    expect(oneClick.status).toBe(200);
    expect(await oneClick.text()).toContain('U bent afgemeld');
    expect(subscriber(token)).toBeUndefined();
    expect(await (await fetch(`${hub.url}/mijn-gegevens/?token=${token}`)).text()).toContain('Deze link werkt niet');
  });
});
