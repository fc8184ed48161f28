import { findLinks } from '../catalog/find-links.ts';
import type { Entry, LintProblem } from './types.ts';

/**
 * Internal links (starting with `/`) must point to a page that exists. A missing trailing
 * slash is tolerated when the slashed form exists; anchors and queries are ignored.
 */
export function checkLinks(entry: Entry, knownPaths: Set<string>): LintProblem[] {
  return findLinks(entry.body)
    .filter(({ href }) => href.startsWith('/') && !href.startsWith('//'))
    .filter(({ href }) => {
      const path = href.replace(/[?#].*$/, '');
      return !knownPaths.has(path) && !knownPaths.has(`${path}/`);
    })
    .map(({ href, line }) => ({
      file: entry.file,
      field: `body (regel ${entry.bodyLine + line - 1})`,
      message: `de link ${href} verwijst naar een pagina die niet bestaat`,
    }));
}
