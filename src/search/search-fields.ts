/** The indexed fields of a script, with how much a match in each weighs in the ranking. */
export const SEARCH_FIELD_BOOSTS = {
  title: 8,
  tags: 4,
  scenario: 4,
  kernboodschap: 2,
  sector: 2,
  handelingsperspectief: 1.5,
  body: 1,
} as const;

export type SearchField = keyof typeof SEARCH_FIELD_BOOSTS;

/** Field names in a fixed order. */
export const SEARCH_FIELDS = Object.keys(SEARCH_FIELD_BOOSTS) as SearchField[];
