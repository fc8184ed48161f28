export interface Link {
  /** The link target as written. */
  href: string;
  /** 1-based line in the text. */
  line: number;
}

// Markdown inline links and images `[text](target "title")`, and HTML href/src attributes.
const LINK_PATTERNS = [/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g, /\b(?:href|src)\s*=\s*"([^"]+)"/g];

/** Finds link targets in Markdown text, with their line numbers. */
export function findLinks(markdown: string): Link[] {
  const links: Link[] = [];
  markdown.split(/\r?\n/).forEach((text, index) => {
    for (const pattern of LINK_PATTERNS) {
      for (const match of text.matchAll(pattern)) links.push({ href: match[1] ?? '', line: index + 1 });
    }
  });
  return links;
}
