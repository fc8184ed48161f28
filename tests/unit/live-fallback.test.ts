import { describe, expect, it } from 'vitest';
import { addFetchedAtNotice, FETCHED_AT_HEADER, liveFallbackPlugin } from '../../src/service-worker/live-fallback.ts';
import { present } from '../helpers/present.ts';

const fetchedAt = new Date('2026-11-23T09:05:00Z');
const html =
  '<!doctype html><html lang="nl"><body><header>Baken</header><main id="inhoud" class="wrap"><h1>Actueel</h1></main></body></html>';

/** The hooks as workbox calls them; the plugin ignores the other parameters. */
function hooks(now = fetchedAt) {
  const plugin = liveFallbackPlugin(() => now);
  const store = (response: Response) => present(plugin.cacheWillUpdate, 'cacheWillUpdate')({ response } as never);
  return {
    store,
    // What `store` gave, or nothing stored. Workbox types a hook's answer with void for
    // "no answer"; this plugin answers a Response or null.
    use: (cachedResponse: Awaited<ReturnType<typeof store>> | undefined) =>
      present(
        plugin.cachedResponseWillBeUsed,
        'cachedResponseWillBeUsed',
      )({ cachedResponse: cachedResponse ?? undefined } as never) as Promise<Response | null | undefined>,
  };
}

describe('addFetchedAtNotice', () => {
  it('puts a dated Dutch notice at the top of <main>', () => {
    const result = addFetchedAtNotice(html, fetchedAt);
    expect(result).toContain(
      '<main id="inhoud" class="wrap"><p class="notice notice-warning" role="note" data-fetched-at>',
    );
    expect(result).toContain(
      'U ziet de versie die is opgehaald op <time datetime="2026-11-23T09:05:00.000Z">23 november 2026 om 10:05</time>.',
    );
    expect(result.indexOf('data-fetched-at')).toBeLessThan(result.indexOf('<h1>'));
  });

  it('falls back to the top of <body>, or the start, when there is no <main>', () => {
    expect(addFetchedAtNotice('<html><body class="x"><p>Hallo</p></body></html>', fetchedAt)).toMatch(
      /^<html><body class="x"><p class="notice/,
    );
    expect(addFetchedAtNotice('<p>Hallo</p>', fetchedAt)).toMatch(/^<p class="notice[\s\S]*<p>Hallo<\/p>$/);
  });
});

describe('liveFallbackPlugin', () => {
  it('stores a 200 response with the moment it was fetched, and nothing else', async () => {
    const { store } = hooks();
    const stored = await store(
      new Response('{"a":1}', { status: 200, headers: { 'Content-Type': 'application/json' } }),
    );
    expect(stored?.headers.get(FETCHED_AT_HEADER)).toBe('2026-11-23T09:05:00.000Z');
    expect(await stored?.text()).toBe('{"a":1}');
    expect(await store(new Response('fout', { status: 500 }))).toBeNull();
    expect(await store(new Response(null, { status: 302, headers: { Location: '/' } }))).toBeNull();
  });

  it('shows a stored HTML page with the notice, and leaves other types as stored', async () => {
    const { store, use } = hooks();
    const page = await use(
      await store(
        new Response(html, {
          status: 200,
          headers: { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': String(html.length) },
        }),
      ),
    );
    const shown = present(page, 'the page shown');
    const text = await shown.text();
    expect(text).toContain('data-fetched-at');
    expect(text).toContain('<h1>Actueel</h1>');
    expect(shown.headers.get('Content-Length')).toBeNull();
    const json = present(
      await use(await store(new Response('[1]', { status: 200, headers: { 'Content-Type': 'application/json' } }))),
      'the stored JSON',
    );
    expect(await json.text()).toBe('[1]');
    expect(json.headers.get(FETCHED_AT_HEADER)).toBe('2026-11-23T09:05:00.000Z');
    expect(await use(undefined)).toBeNull();
  });
});
