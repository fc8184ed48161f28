import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isPinnedVersion, matchesIntegrity } from '../../scripts/lib/node-runtime.mjs';

describe('the Node release use-node.mjs runs under', () => {
  it('is exactly the one in .node-version, not any release of the same major', () => {
    expect(isPinnedVersion('v24.21.0', '24.21.0\n')).toBe(true);
    expect(isPinnedVersion('v24.11.0', '24.21.0')).toBe(false);
    expect(isPinnedVersion('v24.22.0', '24.21.0')).toBe(false);
    expect(isPinnedVersion('v26.0.0', '24.21.0')).toBe(false);
  });
});

describe('checking a download against the npm registry dist.integrity', () => {
  const bytes = Buffer.from('node binary, honestly');
  const sha512 = `sha512-${createHash('sha512').update(bytes).digest('base64')}`;

  it('accepts the bytes the sha512 was made from', () => {
    expect(matchesIntegrity(bytes, sha512)).toBe(true);
    expect(matchesIntegrity(bytes, `sha1-abc ${sha512}`)).toBe(true);
  });

  it('refuses changed bytes, a missing value and a sha1-only value', () => {
    expect(matchesIntegrity(Buffer.from('node binary, changed'), sha512)).toBe(false);
    expect(matchesIntegrity(bytes, undefined)).toBe(false);
    const sha1 = `sha1-${createHash('sha1').update(bytes).digest('base64')}`;
    expect(matchesIntegrity(bytes, sha1)).toBe(false);
  });
});
