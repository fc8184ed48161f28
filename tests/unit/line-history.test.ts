import { describe, expect, it } from 'vitest';
import { diffLines } from '../../src/catalog/diff-lines.ts';
import { changesBetween, lineVersions } from '../../src/catalog/line-history.ts';
import { nextVersion, stampLine } from '../../src/catalog/stamp-line.ts';

const file = (version: string, kern: string, extra = '') =>
  `---\ntitle: Stroomuitval\nversion: "${version}"\nvastgesteld_door: Onderwijs\nvastgesteld_op: 2026-0${version.endsWith('1') ? 2 : 1}-01\nsms:\n  text: "Stroom weg"\n  max_segments: 1\n---\n\n## Kernboodschap\n\n${kern}\n\n## Niet zeggen\n\n- Geen namen.\n${extra}`;

describe('diffLines', () => {
  it('keeps shared lines and marks what was removed and added, in order', () => {
    expect(diffLines(['a', 'b', 'c'], ['a', 'x', 'c', 'd'])).toEqual([
      { kind: 'same', text: 'a' },
      { kind: 'removed', text: 'b' },
      { kind: 'added', text: 'x' },
      { kind: 'same', text: 'c' },
      { kind: 'added', text: 'd' },
    ]);
  });

  it('does not build a table of millions of cells for a huge text (an editor could send one)', () => {
    const big = Array.from({ length: 2000 }, (_, i) => `regel ${i}`);
    const parts = diffLines(big, [...big, 'nieuw']);
    expect(parts).toHaveLength(4001);
    expect(parts[0]).toEqual({ kind: 'removed', text: 'regel 0' });
    expect(parts.at(-1)).toEqual({ kind: 'added', text: 'nieuw' });
  });
});

describe('changesBetween', () => {
  it('names each changed section and field, and leaves unchanged ones out', () => {
    const changes = changesBetween(
      file('1.0', 'De stroom is uit.'),
      file('1.1', 'De stroom is uit. Blijf rustig.', '\n## Achtergrond voor de woordvoerder\n\nNieuw.\n'),
    );
    expect(changes.map((c) => [c.part, c.status])).toEqual([
      ['Kernboodschap', 'changed'],
      ['Achtergrond voor de woordvoerder', 'added'],
    ]);
    expect(changes[0]?.diff).toEqual([
      { kind: 'removed', text: 'De stroom is uit.' },
      { kind: 'added', text: 'De stroom is uit. Blijf rustig.' },
    ]);
  });
});

describe('lineVersions', () => {
  it('lists versions newest first, folds commits of one version, and says who agreed when', () => {
    const versions = lineVersions([
      { commit: 'a', committedAt: '2026-01-01T00:00:00Z', source: file('1.0', 'Eerst.') },
      { commit: 'b', committedAt: '2026-01-02T00:00:00Z', source: file('1.0', 'Eerst, zonder typfout.') },
      { commit: 'c', committedAt: '2026-02-01T00:00:00Z', source: file('1.1', 'Daarna.') },
    ]);
    expect(versions.map((v) => [v.version, v.commit, v.vastgesteldOp, v.vastgesteldDoor])).toEqual([
      ['1.1', 'c', '2026-02-01', 'Onderwijs'],
      ['1.0', 'b', '2026-01-01', 'Onderwijs'],
    ]);
    expect(versions[0]?.changes.find((c) => c.part === 'Kernboodschap')?.diff).toEqual([
      { kind: 'removed', text: 'Eerst, zonder typfout.' },
      { kind: 'added', text: 'Daarna.' },
    ]);
    expect(versions[1]?.changes).toEqual([]);
  });
});

describe('stampLine', () => {
  it('sets status, version and the agreement, and keeps everything else as written', () => {
    const source = '---\n# a comment\ntitle: X\nstatus: concept\nversion: "1.0"\n---\n\n## Kernboodschap\n\nTekst.\n';
    const stamped = stampLine(source, {
      version: '1.1',
      vastgesteldDoor: 'Zorg en welzijn',
      vastgesteldOp: '2026-11-25',
    });
    expect(stamped).toContain('# a comment\ntitle: X\nstatus: vastgesteld\nversion: "1.1"');
    expect(stamped).toContain('vastgesteld_door: Zorg en welzijn\nvastgesteld_op: 2026-11-25');
    expect(stamped.endsWith('---\n\n## Kernboodschap\n\nTekst.\n')).toBe(true);
    expect(stampLine('geen frontmatter', { version: '1', vastgesteldDoor: 'x', vastgesteldOp: '2026-01-01' })).toBe(
      'geen frontmatter',
    );
  });

  it('counts versions on from the current one', () => {
    expect([
      nextVersion(undefined),
      nextVersion('1.0'),
      nextVersion('1.9'),
      nextVersion('2'),
      nextVersion('x'),
    ]).toEqual(['1.0', '1.1', '1.10', '2.1', '1.0']);
  });
});
