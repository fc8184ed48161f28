const COUNT = new Intl.NumberFormat('nl-NL');

/** A number of people the Dutch way, e.g. 12.480. */
export function formatCount(count: number): string {
  return COUNT.format(count);
}
