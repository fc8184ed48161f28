import { analyseWords } from './analyse-words.ts';
import type { SynonymGroups } from './synonym-table.ts';

/** Name of the synonyms file in the content folder. */
export const SYNONYMS_FILE = 'synoniemen.txt';

/** One line of the synonyms file: words and phrases that mean the same to a searcher. */
export interface SynonymLine {
  /** 1-based line number. */
  line: number;
  /** Phrases as written, trimmed. */
  phrases: string[];
}

export interface SynonymProblem {
  line: number;
  message: string;
}

const ALLOWED = /^[\p{L}\p{N}][\p{L}\p{N} '’-]*$/u;

/**
 * Reads the synonyms file: one group per line, phrases separated by commas, `#` starts a
 * comment line. Returns the groups and, in Dutch, every problem an editor must fix: a
 * group of one, an empty phrase, characters that are not allowed, a phrase of stop words
 * only (it would match nearly everything), or a phrase that is already in a group.
 */
export function parseSynonyms(source: string): { lines: SynonymLine[]; problems: SynonymProblem[] } {
  const lines: SynonymLine[] = [];
  const problems: SynonymProblem[] = [];
  const seen = new Map<string, { line: number; phrase: string }>();
  source.split(/\r?\n/).forEach((text, position) => {
    const line = position + 1;
    if (text.trim() === '' || text.trim().startsWith('#')) return;
    const phrases = text.split(',').map((phrase) => phrase.trim());
    const problem = (message: string) => void problems.push({ line, message });
    if (phrases.some((phrase) => phrase === '')) {
      problem("lege plek tussen twee komma's of aan het eind van de regel; haal de extra komma weg");
      return;
    }
    if (phrases.length < 2) {
      problem(`"${phrases[0]}" staat alleen; zet minstens twee woorden op een regel, gescheiden door komma's`);
      return;
    }
    for (const phrase of phrases) {
      if (!ALLOWED.test(phrase)) {
        problem(
          `"${phrase}" bevat een teken dat niet mag; gebruik alleen letters, cijfers, spaties, streepjes en apostrofs`,
        );
        continue;
      }
      const words = analyseWords(phrase);
      if (words.every((word) => word.stop)) {
        problem(
          `"${phrase}" bestaat alleen uit veelvoorkomende woorden (zoals "de", "niet", "geen") en zou bijna alles vinden; maak er een woordgroep van, bijvoorbeeld "geen stroom"`,
        );
        continue;
      }
      const key = words.map((word) => word.stem).join(' ');
      const earlier = seen.get(key);
      if (earlier === undefined) seen.set(key, { line, phrase });
      else if (earlier.line === line)
        problem(`"${phrase}" is hetzelfde woord als "${earlier.phrase}" op deze regel; haal er één weg`);
      else
        problem(
          `"${phrase}" staat ook op regel ${earlier.line}; een woord mag maar in één groep staan: voeg de regels samen of haal het woord weg`,
        );
    }
    lines.push({ line, phrases });
  });
  return { lines, problems };
}

/** The groups of a parsed synonyms file as the index stores them: phrases normalised. */
export function toSynonymGroups(lines: SynonymLine[]): SynonymGroups {
  return lines.map((line) =>
    line.phrases
      .map((phrase) =>
        analyseWords(phrase)
          .map((word) => word.normal)
          .join(' '),
      )
      .filter(Boolean),
  );
}
