// The one set of rules that turns the simple Markdown of the content into plain text, for
// messages (email, SMS, feeds) and for the search index.

/** Link and image text without the address; bold, italic (not inside words) and code without marks. */
const INLINE: ReadonlyArray<readonly [RegExp, string]> = [
  [/!?\[([^\]]*)\]\([^)]*\)/g, '$1'],
  [/(\*\*|__)(.+?)\1/g, '$2'],
  [/(^|[^*\w])[*_]([^*_\n]+)[*_](?=[^*\w]|$)/g, '$1$2'],
  [/`([^`]+)`/g, '$1'],
];

const inline = (text: string) =>
  INLINE.reduce((out, [pattern, replacement]) => out.replace(pattern, replacement), text);

/** Plain text from the simple Markdown of a script section, for email, SMS and feeds: lines kept, bullets as "- ". */
export function markdownToText(markdown: string): string {
  return inline(markdown)
    .replace(/^#{1,6}\s+/gm, '')
    .replace(/^\s*[-*+]\s+/gm, '- ')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * Plain text of a piece of Markdown as a reader sees it, on one line, for the search index:
 * no heading marks, list bullets, quote marks, emphasis or HTML tags.
 */
export function markdownToLine(markdown: string): string {
  return inline(markdown.replace(/<[^>]+>/g, ' '))
    .replace(/^\s{0,3}(?:#{1,6}\s+|[-*+]\s+|\d+[.)]\s+|>\s?)/gm, '')
    .replace(/\s+/g, ' ')
    .trim();
}
