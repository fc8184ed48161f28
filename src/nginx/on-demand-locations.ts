/** A route as Astro resolved it: its pattern (`/api/broadcasts/[id]/approve`) and whether it was prebuilt. */
export interface ResolvedRoute {
  pattern: string;
  isPrerendered: boolean;
  /** `project` for Baken's own pages; Astro's internal routes (`/_image`) are left to the fallback. */
  origin: string;
  /** `page` (written as a folder: `/x/`) or `endpoint` (a file name: `/feeds/actueel.atom`). */
  type: string;
}

/** An nginx location that sends requests to the Node processes: `=` exact, `^~` prefix. */
export interface ProxyLocation {
  match: '=' | '^~';
  path: string;
}

/**
 * The nginx locations for every route that is rendered on demand (not prebuilt). A pattern
 * with a parameter becomes a prefix up to its first parameter (`/api/broadcasts/[id]/approve`
 * → `^~ /api/broadcasts/`); a fixed one becomes an exact match, for a page plus its folder
 * form (`/actueel` → `= /actueel` and `^~ /actueel/`), because the build writes pages as folders.
 * Locations covered by a shorter prefix are left out.
 */
export function onDemandLocations(routes: readonly ResolvedRoute[]): ProxyLocation[] {
  const exact = new Set<string>();
  const prefixes = new Set<string>();
  for (const route of routes) {
    if (route.isPrerendered || route.origin !== 'project') continue;
    const dynamicAt = route.pattern.indexOf('[');
    if (dynamicAt >= 0) {
      prefixes.add(route.pattern.slice(0, route.pattern.lastIndexOf('/', dynamicAt) + 1));
    } else if (route.pattern === '/') {
      exact.add('/');
    } else {
      exact.add(route.pattern);
      if (route.type === 'page') prefixes.add(`${route.pattern}/`);
    }
  }
  const covered = (path: string, self?: string) =>
    [...prefixes].some((prefix) => prefix !== self && path.startsWith(prefix));
  const locations: ProxyLocation[] = [
    ...[...exact].filter((path) => !covered(path)).map((path) => ({ match: '=' as const, path })),
    ...[...prefixes]
      .filter((path) => path !== '/' && !covered(path, path))
      .map((path) => ({ match: '^~' as const, path })),
  ];
  return locations.sort((a, b) => a.path.localeCompare(b.path) || a.match.localeCompare(b.match));
}
