import { generatePassword, hashPassword } from './auth/password.ts';
import { enrolSecondFactor } from './auth/second-factor.ts';
import type { Services } from './services.ts';

/** The demo list and its fictitious members: spool-only addresses and M2M-range numbers nobody answers. */
export const DEMO_LIST = 'Demo: schoolleiders en wijkcentra';
const DEMO_SUBSCRIBERS = [
  { name: 'Basisschool De Regenboog (fictief)', email: 'directie@regenboog.example', phone: '+3197010000001' },
  { name: 'Kinderopvang Het Nest (fictief)', email: 'leiding@hetnest.example', phone: '+3197010000002' },
  { name: 'Wijkcentrum De Brug (fictief)', email: 'beheer@debrug.example', phone: null },
  { name: 'Sportvereniging De Meeuwen (fictief)', email: null, phone: '+3197010000004' },
];

/**
 * On a fresh demo database: two coordinators with generated passwords (printed once, never
 * fixed ones) and a TOTP secret each (printed as an otpauth:// address), and a demo list, so the two-person rule can be tried at once.
 * Returns the accounts it made, or none when the database already has users.
 */
export async function ensureDemoSetup(
  services: Services,
): Promise<Array<{ username: string; password: string; otpauthUri: string }>> {
  if ((await services.users.count()) > 0) return [];
  const accounts = [];
  for (const username of ['coordinator-1', 'coordinator-2']) {
    const account = { username, password: generatePassword(), otpauthUri: '' };
    const user = await services.users.add(account.username, 'coordinator', await hashPassword(account.password));
    account.otpauthUri = (await enrolSecondFactor(services.users, user)).otpauthUri;
    accounts.push(account);
    await services.audit.append({
      actor: 'demo',
      action: 'user.added',
      subject: `user:${account.username}`,
      details: { role: 'coordinator', demo: true },
    });
  }
  for (const s of DEMO_SUBSCRIBERS) {
    await services.subscribers.upsertIntoList(
      DEMO_LIST,
      {
        name: s.name,
        email: s.email,
        phone: s.phone,
        preferredChannel: s.email ? 'email' : 'sms',
        fallbackChannel: s.email && s.phone ? 'sms' : null,
        consent: 'demo-gegevens',
      },
      true,
    );
  }
  return accounts;
}
