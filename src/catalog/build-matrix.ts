import type { ScriptStatus } from '../schemas/script.ts';
import { ALL_SECTORS } from '../schemas/script.ts';

interface ScriptKey {
  sectors: string[] | typeof ALL_SECTORS;
  scenario: string;
  status: ScriptStatus;
}

export interface MatrixCell<T> {
  /** Scripts written for this sector (withdrawn ones left out). */
  own: T[];
  /** Cross-sector scripts that also apply here. */
  shared: T[];
}

export type Matrix<T> = Map<string, Map<string, MatrixCell<T>>>;

/**
 * Groups scripts by sector × scenario. Withdrawn scripts are left out: the matrix is what a
 * spokesperson may use.
 */
export function buildMatrix<T>(
  sectorIds: string[],
  scenarioIds: string[],
  scripts: T[],
  key: (script: T) => ScriptKey,
): Matrix<T> {
  const matrix: Matrix<T> = new Map(
    sectorIds.map((sector) => [sector, new Map(scenarioIds.map((scenario) => [scenario, { own: [], shared: [] }]))]),
  );
  for (const script of scripts) {
    const { sectors, scenario, status } = key(script);
    if (status === 'ingetrokken') continue;
    const targets = sectors === ALL_SECTORS ? sectorIds : sectors;
    for (const sector of targets) {
      const cell = matrix.get(sector)?.get(scenario);
      if (!cell) continue;
      (sectors === ALL_SECTORS ? cell.shared : cell.own).push(script);
    }
  }
  return matrix;
}
