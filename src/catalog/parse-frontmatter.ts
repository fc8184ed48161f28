import { parseDocument } from 'yaml';

export interface ParsedFile {
  /** Frontmatter as plain data; `undefined` when the file has none or it could not be read. */
  data: unknown;
  /** Markdown after the frontmatter. */
  body: string;
  /** 1-based line number in the file where the body starts. */
  bodyLine: number;
  /** Why the frontmatter could not be read, when it could not. */
  error?: string;
}

const FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

/** Splits a Markdown file into YAML frontmatter and body, without throwing. */
export function parseFrontmatter(source: string): ParsedFile {
  const match = FRONTMATTER.exec(source);
  if (!match) {
    return {
      data: undefined,
      body: source,
      bodyLine: 1,
      error: 'geen frontmatter gevonden: begin het bestand met --- en sluit af met ---',
    };
  }
  const body = source.slice(match[0].length);
  const bodyLine = match[0].split('\n').length;
  const doc = parseDocument(match[1] ?? '', { prettyErrors: false });
  const firstError = doc.errors[0];
  if (firstError) {
    const line = (firstError.linePos?.[0]?.line ?? 0) + 1;
    return {
      data: undefined,
      body,
      bodyLine,
      error: `YAML klopt niet (regel ${line}): ${firstError.message.split('\n')[0]}`,
    };
  }
  return { data: doc.toJS(), body, bodyLine };
}
