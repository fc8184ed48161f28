import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';

/** The text of each page of a PDF, read back with poppler's pdftotext (pages split on form feeds). */
export function pdfPages(pdf: Buffer, file: string): string[] {
  writeFileSync(file, pdf);
  const result = spawnSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8', timeout: 30_000 });
  if (result.status !== 0) throw new Error(`pdftotext failed (is Debian's poppler-utils installed?): ${result.stderr}`);
  const pages = result.stdout.split('\f');
  // pdftotext ends the last page with a form feed too.
  if (pages.at(-1)?.trim() === '') pages.pop();
  return pages;
}

/**
 * Text without white space and hyphens and with ligatures undone, to compare the PDF with
 * the page: pdftotext joins a word hyphenated at the end of a line and drops the hyphen.
 */
export function squash(text: string): string {
  return text.normalize('NFKC').replace(/[\s\u00ad\-\u2010\u2011]+/g, '');
}
