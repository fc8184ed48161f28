import type { TextPart } from './mark-matches.ts';

/** Longest snippet shown under a result, in characters. */
export const SNIPPET_LENGTH = 240;
/** How much text a snippet shows before its first marked word. */
const LEAD = 60;

/**
 * Cuts marked text to at most `length` characters around the first marked part, on word
 * boundaries, with "…" where text was left out.
 */
export function makeSnippet(parts: TextPart[], length: number = SNIPPET_LENGTH): TextPart[] {
  const text = parts.map((part) => part.text).join('');
  if (text.length <= length) return parts;
  let firstMark = 0;
  for (const part of parts) {
    if (part.marked) break;
    firstMark += part.text.length;
  }
  if (firstMark >= text.length) firstMark = 0;
  let start = Math.max(0, Math.min(firstMark - LEAD, text.length - length));
  if (start > 0) start = wordStartAfter(text, start);
  let end = Math.min(text.length, start + length);
  if (end < text.length) end = wordEndBefore(text, end, start);
  const cut: TextPart[] = [];
  let offset = 0;
  for (const part of parts) {
    const from = Math.max(start, offset);
    const to = Math.min(end, offset + part.text.length);
    if (from < to) cut.push({ text: text.slice(from, to), marked: part.marked });
    offset += part.text.length;
  }
  if (start > 0) cut.unshift({ text: '… ', marked: false });
  if (end < text.length) cut.push({ text: ' …', marked: false });
  return cut;
}

function wordStartAfter(text: string, position: number): number {
  const space = text.indexOf(' ', position - 1);
  return space === -1 ? position : space + 1;
}

function wordEndBefore(text: string, position: number, floor: number): number {
  const space = text.lastIndexOf(' ', position);
  return space > floor ? space : position;
}
