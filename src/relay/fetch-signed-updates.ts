/** The path every hub serves its signed public updates on. */
export const SIGNED_UPDATES_PATH = '/feeds/signed-updates.json';
/** Most a relay reads of an answer; anything bigger is not a real updates feed. */
export const MAX_FEED_BYTES = 2 * 1024 * 1024;

/** Fetches the text at `url`, or throws an Error with a short Dutch reason. */
export type FetchText = (url: string) => Promise<string>;

/**
 * Fetches with a short timeout and a size limit, so a slow or hostile upstream can neither
 * hold a relay up nor fill its memory.
 */
export function httpFetchText(timeoutMs: number, maxBytes = MAX_FEED_BYTES): FetchText {
  return async (url) => {
    let response: Response;
    try {
      response = await fetch(url, {
        signal: AbortSignal.timeout(timeoutMs),
        headers: { Accept: 'application/json' },
        redirect: 'error',
      });
    } catch (error) {
      const name = (error as Error).name;
      throw new Error(
        name === 'TimeoutError' ? `geen antwoord binnen ${Math.round(timeoutMs / 1000)} seconden` : 'geen verbinding',
      );
    }
    if (response.status !== 200) {
      await response.body?.cancel();
      throw new Error(`de hub antwoordde met status ${response.status}`);
    }
    const declared = Number(response.headers.get('content-length') ?? 0);
    if (declared > maxBytes) {
      await response.body?.cancel();
      throw new Error('het antwoord is te groot');
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    try {
      for await (const chunk of response.body ?? []) {
        size += chunk.byteLength;
        if (size > maxBytes) throw new Error('het antwoord is te groot');
        chunks.push(chunk);
      }
    } catch (error) {
      throw new Error(
        (error as Error).message === 'het antwoord is te groot' ? 'het antwoord is te groot' : 'de verbinding viel weg',
      );
    }
    return Buffer.concat(chunks).toString('utf8');
  };
}
