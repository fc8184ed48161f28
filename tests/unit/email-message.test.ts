import { describe, expect, it } from 'vitest';
import { buildMessage } from '../../src/server/outbox/build-message.ts';
import type { ClaimedRow } from '../../src/server/outbox/outbox-store.ts';
import type { EmailMessage } from '../../src/server/transports/transport.ts';
import { present } from '../helpers/present.ts';

const row: ClaimedRow = {
  id: 1,
  broadcastId: '20261125-abc',
  subscriberId: 7,
  channel: 'email',
  address: 'a@school.example',
  attempts: 0,
  leaseToken: 'lease-1',
  troubleSince: null,
  idempotencyKey: 'k1',
  createdAt: 0,
  training: false,
  channels: ['email'],
  onWeb: true,
  emailSubject: 'Stroomuitval in <Voorbeeldstad>',
  emailText:
    'In Voorbeeldstad is de stroom uitgevallen.\n\nWat kunt u doen?\n- Bel 112 bij levensgevaar.\n- Luister naar de regionale omroep.',
  smsText: 'sms',
  subscriberToken: 'tok',
  subscriberEmail: 'a@school.example',
  subscriberPhone: null,
  fallbackChannel: null,
};

describe('the email of a broadcast', () => {
  const email = buildMessage(row, 'https://baken.example.nl', 'Gemeente Voorbeeldstad') as EmailMessage;

  it('goes as HTML with a plain-text alternative that says the same', () => {
    expect(email.text).toContain('Bel 112 bij levensgevaar.');
    expect(email.html).toContain('<li>Bel 112 bij levensgevaar.</li>');
    expect(email.html).toContain('<html lang="nl">');
    expect(email.html).toContain('<h1');
  });

  it('names the organisation, in the text and in the footer, never the software', () => {
    for (const body of [email.text, present(email.html, 'the HTML part')]) {
      expect(body).toContain('Bericht van Gemeente Voorbeeldstad');
      expect(body).toContain('aangemeld voor berichten van Gemeente Voorbeeldstad');
      expect(body).not.toMatch(/berichten van Baken/);
    }
  });

  it('links to the update on /actueel/ and to unsubscribing, and loads nothing remote', () => {
    expect(email.text).toContain('https://baken.example.nl/actueel/#bericht-20261125-abc');
    expect(email.html).toContain('href="https://baken.example.nl/actueel/#bericht-20261125-abc"');
    expect(email.html).toContain('href="https://baken.example.nl/afmelden/?token=tok"');
    expect(email.html).not.toMatch(/<img|<link|url\(|src=/i);
    expect(email.headers?.['List-Unsubscribe']).toBe('<https://baken.example.nl/afmelden/?token=tok>');
  });

  it('escapes text into the HTML and leaves out the link when the update is not on the site', () => {
    expect(email.html).toContain('Stroomuitval in &lt;Voorbeeldstad&gt;');
    const offWeb = buildMessage({ ...row, onWeb: false }, 'https://baken.example.nl', 'X') as EmailMessage;
    expect(offWeb.text).not.toContain('/actueel/');
    expect(offWeb.html).not.toContain('/actueel/');
  });
});
