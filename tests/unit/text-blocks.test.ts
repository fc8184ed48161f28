import { describe, expect, it } from 'vitest';
import { formatWaiting } from '../../src/catalog/format-waiting.ts';
import { textBlocks } from '../../src/catalog/text-blocks.ts';

describe('textBlocks', () => {
  it('turns "- " lines into a list and the rest into paragraphs', () => {
    expect(
      textBlocks(
        'In Voorbeeldstad is de stroom uit.\n\nWat kunt u doen?\n- Bel 112.\n- Luister naar de radio.\n\nMeer volgt.',
      ),
    ).toEqual([
      { kind: 'paragraph', text: 'In Voorbeeldstad is de stroom uit.' },
      { kind: 'paragraph', text: 'Wat kunt u doen?' },
      { kind: 'list', items: ['Bel 112.', 'Luister naar de radio.'] },
      { kind: 'paragraph', text: 'Meer volgt.' },
    ]);
  });

  it('keeps a dash inside a sentence as text', () => {
    expect(textBlocks('Tijd - 14:30')).toEqual([{ kind: 'paragraph', text: 'Tijd - 14:30' }]);
  });
});

describe('formatWaiting', () => {
  const now = new Date('2026-11-25T12:00:00Z');
  it.each([
    ['2026-11-25T11:59:40Z', 'minder dan een minuut'],
    ['2026-11-25T11:59:00Z', '1 minuut'],
    ['2026-11-25T11:48:00Z', '12 minuten'],
    ['2026-11-25T11:00:00Z', '1 uur'],
    ['2026-11-25T09:55:00Z', '2 uur en 5 minuten'],
  ])('says how long since %s', (from, words) => {
    expect(formatWaiting(from, now)).toBe(words);
  });
});
