import { type CollectionEntry, getCollection } from 'astro:content';
import { ALL_SECTORS } from '../schemas/script.ts';
import { buildMatrix, type Matrix } from './build-matrix.ts';

export type SectorEntry = CollectionEntry<'sectors'>;
export type ScenarioEntry = CollectionEntry<'scenarios'>;
export type ScriptEntry = CollectionEntry<'scripts'>;
export type NoodkaartEntry = CollectionEntry<'noodkaarten'>;

const byOrder = (a: { data: { order: number } }, b: { data: { order: number } }) => a.data.order - b.data.order;
const byTitle = (a: ScriptEntry, b: ScriptEntry) => a.data.title.localeCompare(b.data.title, 'nl');

/** The content of the hub, sorted and cross-referenced once for all pages. */
export interface Catalog {
  sectors: SectorEntry[];
  scenarios: ScenarioEntry[];
  scripts: ScriptEntry[];
  noodkaarten: NoodkaartEntry[];
  matrix: Matrix<ScriptEntry>;
  sectorById: Map<string, SectorEntry>;
  scenarioById: Map<string, ScenarioEntry>;
}

let cached: Promise<Catalog> | undefined;

export function loadCatalog(): Promise<Catalog> {
  cached ??= (async () => {
    const sectors = (await getCollection('sectors')).sort(byOrder);
    const scenarios = (await getCollection('scenarios')).sort(byOrder);
    const scripts = (await getCollection('scripts')).sort(byTitle);
    const noodkaarten = (await getCollection('noodkaarten')).sort((a, b) =>
      a.data.title.localeCompare(b.data.title, 'nl'),
    );
    const matrix = buildMatrix(
      sectors.map((s) => s.id),
      scenarios.map((s) => s.id),
      scripts,
      (script) => ({ sectors: script.data.sectors, scenario: script.data.scenario, status: script.data.status }),
    );
    return {
      sectors,
      scenarios,
      scripts,
      noodkaarten,
      matrix,
      sectorById: new Map(sectors.map((s) => [s.id, s])),
      scenarioById: new Map(scenarios.map((s) => [s.id, s])),
    };
  })();
  return cached;
}

/** Sector slugs a script applies to, with `alle-sectoren` expanded. */
export function sectorIdsOf(script: ScriptEntry, catalog: Catalog): string[] {
  return script.data.sectors === ALL_SECTORS ? catalog.sectors.map((s) => s.id) : script.data.sectors;
}

/** Human-readable sector names of a script. */
export function sectorNamesOf(script: ScriptEntry, catalog: Catalog): string[] {
  if (script.data.sectors === ALL_SECTORS) return ['Alle sectoren'];
  return script.data.sectors.map((id) => catalog.sectorById.get(id)?.data.name ?? id);
}
