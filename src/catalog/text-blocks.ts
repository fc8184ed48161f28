/** A block of a plain-text message: a paragraph, or a list of "- " lines. */
export type TextBlock = { kind: 'paragraph'; text: string } | { kind: 'list'; items: string[] };

/**
 * Splits a broadcast's plain text (paragraphs separated by blank lines, list items starting
 * with "- ") into blocks, so pages, previews and email render lists as lists.
 */
export function textBlocks(text: string): TextBlock[] {
  const blocks: TextBlock[] = [];
  for (const chunk of text.split(/\n{2,}/)) {
    let paragraph: string[] = [];
    let list: string[] = [];
    const flushParagraph = () => {
      if (paragraph.length > 0) blocks.push({ kind: 'paragraph', text: paragraph.join('\n') });
      paragraph = [];
    };
    const flushList = () => {
      if (list.length > 0) blocks.push({ kind: 'list', items: list });
      list = [];
    };
    for (const line of chunk.split('\n')) {
      if (line.trim() === '') continue;
      if (/^\s*- /.test(line)) {
        flushParagraph();
        list.push(line.replace(/^\s*- /, ''));
      } else {
        flushList();
        paragraph.push(line);
      }
    }
    flushParagraph();
    flushList();
  }
  return blocks;
}
