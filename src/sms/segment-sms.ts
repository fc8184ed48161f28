/**
 * Exact SMS length and segment counting (3GPP TS 23.038).
 *
 * A message is GSM-7 when every character is in the GSM 03.38 default alphabet or its
 * extension table (extension characters take two septets: ESC + code). Otherwise the whole
 * message is sent as UCS-2. Concatenated parts carry a user data header, which leaves
 * 153 septets (GSM-7) or 67 UTF-16 code units (UCS-2) per part. An escape pair or a
 * surrogate pair is never split across two parts.
 */

const GSM7_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM7_EXTENSION = '\f^{}\\[~]|€';

const basic = new Set(GSM7_BASIC);
const extension = new Set(GSM7_EXTENSION);

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SmsAnalysis {
  encoding: SmsEncoding;
  /** Characters as a reader counts them (Unicode code points). */
  characters: number;
  /** Units the network counts: septets for GSM-7, UTF-16 code units for UCS-2. */
  units: number;
  /** Number of SMS parts the message is sent as (0 for an empty text). */
  segments: number;
  /** Units that fit in one part at this length: 160/153 (GSM-7) or 70/67 (UCS-2). */
  perSegment: number;
  /** Characters outside GSM-7 that forced UCS-2, in order of first appearance. */
  nonGsmCharacters: string[];
}

const LIMITS = {
  'GSM-7': { single: 160, multi: 153 },
  'UCS-2': { single: 70, multi: 67 },
} as const;

/** Septets one character takes in GSM-7, or 0 when it is not in the alphabet. */
function septets(char: string): number {
  if (basic.has(char)) return 1;
  if (extension.has(char)) return 2;
  return 0;
}

/** Picks the encoding: GSM-7 unless any character is outside the GSM 03.38 alphabet. */
export function detectEncoding(text: string): SmsEncoding {
  for (const char of text) if (septets(char) === 0) return 'UCS-2';
  return 'GSM-7';
}

/** Width in network units of each character (code point) of the text. */
function unitWidths(text: string, encoding: SmsEncoding): number[] {
  return Array.from(text, (char) => (encoding === 'GSM-7' ? septets(char) : char.length));
}

/**
 * Splits a text into the parts it is sent as. Each part is a substring of the text, so
 * joining them gives the text back.
 */
export function splitSms(text: string): string[] {
  const encoding = detectEncoding(text);
  const chars = Array.from(text);
  const widths = unitWidths(text, encoding);
  const total = widths.reduce((sum, width) => sum + width, 0);
  const { single, multi } = LIMITS[encoding];
  if (total <= single) return text === '' ? [] : [text];

  const parts: string[] = [];
  let current = '';
  let used = 0;
  chars.forEach((char, index) => {
    const width = widths[index] ?? 1;
    if (used + width > multi) {
      parts.push(current);
      current = '';
      used = 0;
    }
    current += char;
    used += width;
  });
  if (current !== '') parts.push(current);
  return parts;
}

/** Counts characters, network units and segments of an SMS text exactly. */
export function analyzeSms(text: string): SmsAnalysis {
  const encoding = detectEncoding(text);
  const widths = unitWidths(text, encoding);
  const units = widths.reduce((sum, width) => sum + width, 0);
  const segments = splitSms(text).length;
  const { single, multi } = LIMITS[encoding];
  const nonGsmCharacters = [...new Set(Array.from(text).filter((char) => septets(char) === 0))];
  return {
    encoding,
    characters: widths.length,
    units,
    segments,
    perSegment: segments > 1 ? multi : single,
    nonGsmCharacters,
  };
}
