import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningHub, startHub } from '../helpers/hub-server.ts';
import { present } from '../helpers/present.ts';
import { sitemapPaths } from '../helpers/sitemap.ts';

let hub: RunningHub;
let paths: string[];

beforeAll(async () => {
  hub = await startHub();
  paths = await sitemapPaths(hub.url);
});
afterAll(() => hub?.stop());

describe('the built hub served by the Node server', () => {
  it('lists every kind of public page in the sitemap', () => {
    for (const expected of [
      '/',
      '/matrix/',
      '/sectoren/zorg-welzijn/',
      '/scenarios/stroomuitval/',
      '/noodkaarten/school/',
      '/toegankelijkheid/',
    ]) {
      expect(paths).toContain(expected);
    }
    expect(paths.filter((p) => p.startsWith('/lijnen/') && p !== '/lijnen/').length).toBeGreaterThanOrEqual(24);
    expect(paths).not.toContain('/404/');
  });

  it('answers 200 with HTML, security headers and revalidation for every sitemap page', async () => {
    for (const path of paths) {
      const response = await fetch(`${hub.url}${path}`);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type'), path).toBe('text/html; charset=utf-8');
      expect(response.headers.get('cache-control'), path).toBe('no-cache');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      const html = await response.text();
      expect(html, path).toMatch(/<html lang="nl"[\s>]/);
      // No inline script may be needed: every <script> loads a file.
      expect(html.match(/<script(?![^>]*\bsrc=)[^>]*>/g), path).toBeNull();
    }
  });

  it('serves hashed assets as immutable and supports ETag revalidation and HEAD', async () => {
    const html = await (await fetch(`${hub.url}/`)).text();
    const css = /href="(\/_astro\/[^"]+\.css)"/.exec(html)?.[1];
    expect(css).toBeDefined();
    const asset = await fetch(`${hub.url}${css}`);
    expect(asset.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');

    const first = await fetch(`${hub.url}/matrix/`);
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^".+"$/);
    const again = await fetch(`${hub.url}/matrix/`, { headers: { 'If-None-Match': present(etag, 'an ETag') } });
    expect(again.status).toBe(304);

    const head = await fetch(`${hub.url}/matrix/`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(first.headers.get('content-length'));
    expect(await head.text()).toBe('');
  });

  it('redirects a folder without slash and serves index.html directly too', async () => {
    const redirect = await fetch(`${hub.url}/matrix`, { redirect: 'manual' });
    expect(redirect.status).toBe(301);
    expect(redirect.headers.get('location')).toBe('/matrix/');
    expect((await fetch(`${hub.url}/matrix/index.html`)).status).toBe(200);
  });

  it('shows the Dutch 404 page for an unknown address, and never serves files outside the site', async () => {
    const missing = await fetch(`${hub.url}/bestaat/niet/`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('Deze pagina bestaat niet');
    const traversal = await fetch(`${hub.url}/%2e%2e/package.json`);
    expect(traversal.status).toBe(404);
  });

  it('exports at least 24 vastgesteld lines covering 4 sectors × 6 scenarios as JSON', async () => {
    const response = await fetch(`${hub.url}/data/scripts.json`);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const { scripts } = (await response.json()) as {
      scripts: Array<{
        slug: string;
        title: string;
        sectors: string[];
        all_sectors: boolean;
        scenario: string;
        status: string;
        version: string;
        vastgesteld_op: string | null;
        geldig_tot: string;
        url: string;
        sms: { text: string };
      }>;
    };
    const agreed = scripts.filter((s) => s.status === 'vastgesteld');
    expect(agreed.length).toBeGreaterThanOrEqual(24);
    const covered = new Map<string, Set<string>>();
    for (const script of agreed.filter((s) => !s.all_sectors)) {
      for (const sector of script.sectors) covered.set(sector, (covered.get(sector) ?? new Set()).add(script.scenario));
    }
    expect(covered.size).toBe(4);
    for (const scenarios of covered.values()) expect(scenarios.size).toBeGreaterThanOrEqual(6);
    for (const script of scripts) {
      expect(script).toMatchObject({
        slug: expect.any(String),
        version: expect.any(String),
        geldig_tot: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      });
      expect(new URL(script.url).pathname).toBe(`/lijnen/${script.slug}/`);
      expect(paths).toContain(`/lijnen/${script.slug}/`);
    }
  });

  it('labels a line past its geldig tot as "verlopen — controleer", and only those', async () => {
    const { generated, scripts } = (await (await fetch(`${hub.url}/data/scripts.json`)).json()) as {
      generated: string;
      scripts: Array<{ slug: string; geldig_tot: string }>;
    };
    const today = generated.slice(0, 10);
    const expired = scripts.filter((s) => s.geldig_tot < today);
    // The demo content keeps one expired line on purpose (onderwijs-datalek), so this test has something to check.
    expect(expired.length).toBeGreaterThan(0);
    for (const script of scripts) {
      const html = await (await fetch(`${hub.url}/lijnen/${script.slug}/`)).text();
      expect(html.includes('Verlopen — controleer'), script.slug).toBe(script.geldig_tot < today);
    }
  });

  it('shows metadata and an exact SMS count on a script page', async () => {
    const html = await (await fetch(`${hub.url}/lijnen/zorg-stroomuitval/`)).text();
    for (const label of [
      'Versie',
      'Vastgesteld door',
      'Vastgesteld op',
      'Geldig tot',
      'Eigenaar',
      'Kernboodschap',
      'Handelingsperspectief',
      'Sms-tekst',
      'Codering',
      "Aantal sms'en",
    ]) {
      expect(html).toContain(label);
    }
    expect(html).toMatch(/<dd>GSM-7<\/dd>|<dd>UCS-2<\/dd>/);
  });
});
