import { describe, expect, it } from 'vitest';
import { analyzeSms, detectEncoding, splitSms } from '../../src/sms/segment-sms.ts';

describe('analyzeSms', () => {
  it('fits 160 GSM-7 characters in one part and needs two for 161', () => {
    expect(analyzeSms('a'.repeat(160))).toMatchObject({ encoding: 'GSM-7', units: 160, segments: 1, perSegment: 160 });
    expect(analyzeSms('a'.repeat(161))).toMatchObject({ segments: 2, perSegment: 153 });
  });

  it('uses 153 septets per part once a message is split', () => {
    expect(analyzeSms('a'.repeat(306)).segments).toBe(2);
    expect(analyzeSms('a'.repeat(307)).segments).toBe(3);
  });

  it('counts extension characters such as € and [ as two septets', () => {
    const text = `${'a'.repeat(158)}€`;
    expect(analyzeSms(text)).toMatchObject({ encoding: 'GSM-7', characters: 159, units: 160, segments: 1 });
    expect(analyzeSms(`${text}[`)).toMatchObject({ units: 162, segments: 2 });
  });

  it('switches the whole message to UCS-2 for ë and ï, with 70 and 67 per part', () => {
    expect(detectEncoding('financiële')).toBe('UCS-2');
    expect(detectEncoding('naïef')).toBe('UCS-2');
    expect(analyzeSms(`ë${'a'.repeat(69)}`)).toMatchObject({
      encoding: 'UCS-2',
      units: 70,
      segments: 1,
      nonGsmCharacters: ['ë'],
    });
    expect(analyzeSms(`ë${'a'.repeat(70)}`)).toMatchObject({ segments: 2, perSegment: 67 });
    expect(analyzeSms('ï'.repeat(135)).segments).toBe(3);
  });

  it('keeps é and à in GSM-7, because they are in the default alphabet', () => {
    expect(detectEncoding('café à la carte É')).toBe('GSM-7');
  });

  it('counts an emoji as two UCS-2 units', () => {
    expect(analyzeSms('🚨').units).toBe(2);
    expect(analyzeSms('🚨').characters).toBe(1);
  });

  it('reports zero parts for an empty text', () => {
    expect(analyzeSms('').segments).toBe(0);
  });
});

describe('splitSms', () => {
  it('gives parts that join back to the original text', () => {
    const text = `Stroomuitval in de regio. ${'Blijf kalm en luister naar de regionale omroep. '.repeat(8)}`;
    const parts = splitSms(text);
    expect(parts.join('')).toBe(text);
    expect(parts).toHaveLength(analyzeSms(text).segments);
    for (const part of parts) expect(analyzeSms(part).units).toBeLessThanOrEqual(153);
  });

  it('never splits an escape pair across two parts', () => {
    const text = `${'a'.repeat(152)}€${'b'.repeat(10)}`;
    const parts = splitSms(text);
    expect(parts[0]).toBe('a'.repeat(152));
    expect(parts[1]?.startsWith('€')).toBe(true);
  });

  it('never splits a surrogate pair across two UCS-2 parts', () => {
    const text = `${'ë'.repeat(66)}🚨${'x'.repeat(10)}`;
    const parts = splitSms(text);
    expect(parts[0]).toBe('ë'.repeat(66));
    expect(parts[1]?.startsWith('🚨')).toBe(true);
  });
});
