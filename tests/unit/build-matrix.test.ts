import { describe, expect, it } from 'vitest';
import { buildMatrix } from '../../src/catalog/build-matrix.ts';
import type { ScriptStatus } from '../../src/schemas/script.ts';

interface Fake {
  id: string;
  sectors: string[] | 'alle-sectoren';
  scenario: string;
  status: ScriptStatus;
}
const key = (s: Fake) => s;

describe('buildMatrix', () => {
  const scripts: Fake[] = [
    { id: 'zorg-stroom', sectors: ['zorg'], scenario: 'stroom', status: 'vastgesteld' },
    { id: 'alle-stroom', sectors: 'alle-sectoren', scenario: 'stroom', status: 'vastgesteld' },
    { id: 'oud', sectors: ['zorg'], scenario: 'stroom', status: 'ingetrokken' },
    { id: 'concept', sectors: ['school'], scenario: 'telefoon', status: 'concept' },
  ];
  const matrix = buildMatrix(['zorg', 'school'], ['stroom', 'telefoon'], scripts, key);

  it('puts a sector script in its own cell and a cross-sector script in every sector', () => {
    expect(
      matrix
        .get('zorg')
        ?.get('stroom')
        ?.own.map((s) => s.id),
    ).toEqual(['zorg-stroom']);
    expect(
      matrix
        .get('zorg')
        ?.get('stroom')
        ?.shared.map((s) => s.id),
    ).toEqual(['alle-stroom']);
    expect(
      matrix
        .get('school')
        ?.get('stroom')
        ?.shared.map((s) => s.id),
    ).toEqual(['alle-stroom']);
  });

  it('leaves withdrawn scripts out and keeps concepts', () => {
    const ids = [...matrix.values()].flatMap((row) =>
      [...row.values()].flatMap((cell) => [...cell.own, ...cell.shared].map((s) => s.id)),
    );
    expect(ids).not.toContain('oud');
    expect(
      matrix
        .get('school')
        ?.get('telefoon')
        ?.own.map((s) => s.id),
    ).toEqual(['concept']);
  });
});
