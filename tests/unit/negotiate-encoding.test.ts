import { describe, expect, it } from 'vitest';
import { ENCODINGS, isCompressible, negotiateEncoding } from '../../src/server/precompressed.ts';
import { present } from '../helpers/present.ts';

const br = present(ENCODINGS[0], 'brotli');
const gzip = present(ENCODINGS[1], 'gzip');
const both = [br, gzip];

describe('negotiateEncoding', () => {
  it('prefers brotli when a browser accepts both', () => {
    expect(negotiateEncoding('gzip, deflate, br, zstd', both)).toBe(br);
  });

  it('takes gzip when brotli is not accepted or not available', () => {
    expect(negotiateEncoding('gzip, deflate', both)).toBe(gzip);
    expect(negotiateEncoding('gzip, deflate, br', [gzip])).toBe(gzip);
  });

  it('follows q-values, and q=0 refuses an encoding', () => {
    expect(negotiateEncoding('br;q=0.5, gzip;q=0.9', both)).toBe(gzip);
    expect(negotiateEncoding('br;q=0, gzip', both)).toBe(gzip);
    expect(negotiateEncoding('br;q=0, gzip;q=0', both)).toBeUndefined();
  });

  it('reads * as any encoding', () => {
    expect(negotiateEncoding('*', both)).toBe(br);
    expect(negotiateEncoding('br;q=0, *;q=0.1', both)).toBe(gzip);
  });

  it('sends the file as it is without Accept-Encoding, with identity only, or without variants', () => {
    expect(negotiateEncoding(undefined, both)).toBeUndefined();
    expect(negotiateEncoding('', both)).toBeUndefined();
    expect(negotiateEncoding('identity', both)).toBeUndefined();
    expect(negotiateEncoding('br, gzip', [])).toBeUndefined();
  });
});

describe('isCompressible', () => {
  it('is true for text types and false for images and already compressed files', () => {
    for (const path of ['a.html', 'a.css', 'a.js', 'data/a.json', 'a.svg', 'sitemap.xml', 'manifest.webmanifest'])
      expect(isCompressible(path), path).toBe(true);
    for (const path of ['a.png', 'a.woff2', 'a.html.br', 'a.html.gz', 'a.pdf'])
      expect(isCompressible(path), path).toBe(false);
  });
});
