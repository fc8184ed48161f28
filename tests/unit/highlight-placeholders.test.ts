import { describe, expect, it } from 'vitest';
import { highlightPlaceholders, splitPlaceholders } from '../../src/catalog/highlight-placeholders.ts';

describe('placeholders in texts', () => {
  it('splits a text into plain and placeholder parts', () => {
    expect(splitPlaceholders('In {gemeente} om {tijd}.')).toEqual([
      { text: 'In ', placeholder: false },
      { text: '{gemeente}', placeholder: true },
      { text: ' om ', placeholder: false },
      { text: '{tijd}', placeholder: true },
      { text: '.', placeholder: false },
    ]);
  });

  it('marks placeholders in HTML text but never inside tags or attributes', () => {
    const html = '<p>Bel <a href="/x/{tijd}/" title="{tijd}">{organisatie}</a> in {gemeente}.</p>';
    expect(highlightPlaceholders(html)).toBe(
      '<p>Bel <a href="/x/{tijd}/" title="{tijd}"><span class="placeholder">{organisatie}</span></a> in <span class="placeholder">{gemeente}</span>.</p>',
    );
  });
});
