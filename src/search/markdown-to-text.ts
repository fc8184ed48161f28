/**
 * Plain text of a piece of Markdown as a reader sees it: link text without the address,
 * no heading marks, list bullets, emphasis or HTML tags. Line breaks become spaces.
 */
export function markdownToText(markdown: string): string {
  return markdown
    .replace(/<[^>]+>/g, ' ')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s{0,3}(?:#{1,6}\s+|[-*+]\s+|\d+[.)]\s+|>\s?)/gm, '')
    .replace(/(\*\*|__|\*|_|`)(?=\S)([^*_`]*?\S)\1/g, '$2')
    .replace(/\s+/g, ' ')
    .trim();
}
