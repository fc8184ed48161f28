import type { LintProblem, ScriptEntry } from './types.ts';

// A tag (<iframe …>, </div>) or an HTML comment; "minder dan <5" is plain text and passes.
const HTML = /<\/?[a-z][\w-]*(?:\s[^<>]*)?\/?>|<!--/i;

/**
 * A line is plain text and Markdown: raw HTML would go onto the public page as it is (a
 * form or a frame of another site), so it is refused, wherever the line came from.
 */
export function checkNoHtml(entry: ScriptEntry): LintProblem[] {
  const found = HTML.exec(entry.body);
  return found
    ? [
        {
          file: entry.file,
          field: 'body',
          message: `"${found[0].slice(0, 40)}" is HTML; schrijf gewone tekst en Markdown (kopjes met ##, lijstjes met -, links als [tekst](/adres/))`,
        },
      ]
    : [];
}
