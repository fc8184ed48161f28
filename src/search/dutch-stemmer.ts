import lunr from 'lunr';
import dutch from 'lunr-languages/lunr.nl.js';
import stemmerSupport from 'lunr-languages/lunr.stemmer.support.js';

// The build loads this module twice (content lint and pages) with one shared lunr; adding
// the plugins once keeps lunr from warning that it overwrites its own functions.
if (!('nl' in lunr)) {
  stemmerSupport(lunr);
  dutch(lunr);
}

// lunr-languages adds `lunr.nl` at run time; its type declarations do not reach @types/lunr.
const { nl } = lunr as unknown as {
  nl: { stemmer: (token: lunr.Token) => lunr.Token; stopWordFilter: (token: lunr.Token) => lunr.Token | undefined };
};

const stems = new Map<string, string>();

/** The Snowball Dutch stem of a normalised word: "stroomstoringen" → "stroomstor". */
export function stemDutch(word: string): string {
  let stem = stems.get(word);
  if (stem === undefined) {
    stem = nl.stemmer(new lunr.Token(word, {})).toString();
    stems.set(word, stem);
  }
  return stem;
}

/** True for the common Dutch words search leaves out on their own, such as "de", "het", "niet", "geen". */
export function isDutchStopWord(word: string): boolean {
  return nl.stopWordFilter(new lunr.Token(word, {})) === undefined;
}
