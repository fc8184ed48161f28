import { describe, expect, it } from 'vitest';
import { CACHE_POLICY_PREFIXES, cachePolicyFor, precacheIgnoreGlobs } from '../../src/service-worker/cache-policy.ts';

describe('cachePolicyFor', () => {
  it('treats updates, exercises, feeds and the public API as live, with or without the trailing slash', () => {
    for (const path of [
      '/actueel/',
      '/actueel',
      '/actueel/2026-11-23-stroom/',
      '/oefening/',
      '/feeds/atom.xml',
      '/api/public/updates.json',
      '/api/public',
    ]) {
      expect(cachePolicyFor(path), path).toBe('live');
    }
  });

  it('treats the coordinator, personal-link pages and every other API route as private', () => {
    for (const path of [
      '/coordinator/',
      '/coordinator',
      '/coordinator/login/',
      '/api/health',
      '/api/',
      '/api/publicity',
      '/abonnement/bevestigen/',
      '/afmelden/',
      '/mijn-gegevens/',
    ]) {
      expect(cachePolicyFor(path), path).toBe('private');
    }
  });

  it('treats prebuilt pages, exports and look-alike paths as static', () => {
    for (const path of [
      '/',
      '/lijnen/zorg-stroomuitval/',
      '/data/scripts.json',
      '/actueelx/',
      '/apis/',
      '/zoeken/',
      '/noodkaarten/school/',
      '/aanmelden/',
    ]) {
      expect(cachePolicyFor(path), path).toBe('static');
    }
  });
});

describe('precacheIgnoreGlobs', () => {
  it('keeps every live and private prefix out of the precache', () => {
    const globs = precacheIgnoreGlobs();
    for (const prefix of [...CACHE_POLICY_PREFIXES.live, ...CACHE_POLICY_PREFIXES.private]) {
      expect(globs).toContain(`${prefix.slice(1)}**`);
    }
  });
});
