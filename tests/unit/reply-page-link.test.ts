import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { composeAlert } from '../../src/server/broadcast/compose-texts.ts';
import { fileScriptSource } from '../../src/server/broadcast/file-script-source.ts';
import { REPLY_PAGE_LINE, replyPageUrl, withReplyLink } from '../../src/server/replies/reply-page-link.ts';

const scripts = fileScriptSource(join(import.meta.dirname, '..', '..', 'content'));

describe('the personal reply page link', () => {
  it('ends the email of a call-up with the reply line, and only the email', async () => {
    const callUp = await scripts.get('zorg-oproep-reservisten-stroomuitval');
    const plain = await scripts.get('zorg-stroomuitval');
    if (!callUp || !plain) throw new Error('demo scripts missing');
    const texts = composeAlert(callUp, { organisatie: 'X', datum: '05-03-2027', tijd: '14:00', locatie: 'Y' }, false);
    expect(texts.emailText.endsWith(REPLY_PAGE_LINE)).toBe(true);
    expect(texts.webBody).not.toContain(REPLY_PAGE_LINE);
    expect(texts.smsText).not.toContain(REPLY_PAGE_LINE);
    expect(composeAlert(plain, {}, false).emailText).not.toContain(REPLY_PAGE_LINE);
  });

  it('puts each recipient’s own link in place of the mark, or drops the line when there is none', () => {
    const text = `Kunt u komen?\n\n${REPLY_PAGE_LINE}`;
    const link = replyPageUrl('https://baken.example', '20261126-abc', 'id.mac');
    expect(link).toBe('https://baken.example/antwoord/20261126-abc/?token=id.mac');
    expect(withReplyLink(text, link)).toBe(
      `Kunt u komen?\n\nAntwoorden kan ook met een knop op uw eigen pagina: ${link}`,
    );
    expect(withReplyLink(text, undefined)).toBe('Kunt u komen?');
    expect(withReplyLink('Gewoon bericht', link)).toBe('Gewoon bericht');
  });
});
