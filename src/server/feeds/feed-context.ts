/** What every feed needs besides the updates. */
export interface FeedContext {
  /** Public base URL of the hub, e.g. https://baken.example.nl */
  publicUrl: string;
  /** Path of the page that lists the updates (/actueel/ or /oefening/). */
  listPath: string;
  title: string;
  /** The sending organisation: the author of every entry, never a coordinator's username. */
  orgName: string;
  /** Newest change, ISO 8601; the feed's updated time. */
  updated: string;
}

/** The address of one update on the site. */
export function updateUrl(context: Pick<FeedContext, 'publicUrl' | 'listPath'>, id: string): string {
  return new URL(`${context.listPath}#bericht-${id}`, context.publicUrl).href;
}
