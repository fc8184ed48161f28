// The layers of src/ (described in src/README.md), checked by `npm run lint` and `npm test`.
// Each rule names the folders; `pathNot` on a rule lists the known exceptions, each with the
// issue that removes it. Astro components (.astro) are not parsed: their imports are not checked.

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Import cycles make the load order matter; break them by moving the shared piece down.',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'server-not-content-lint-fs',
      severity: 'error',
      comment:
        "The server checks a proposed line with the pure content lint (lint-line.ts), so an editor gets the build's own Dutch messages; reading the content folder for the build (*-fs.ts) stays build-only.",
      from: { path: '^src/server/' },
      to: { path: '^src/lint/.*-fs[.]ts$' },
    },
    {
      name: 'server-not-build',
      severity: 'error',
      comment: 'Build steps (src/build, src/integrations, src/service-worker build) never run inside the server.',
      from: { path: '^src/server/' },
      to: { path: '^src/(build|integrations)/|^src/service-worker/build-' },
    },
    {
      name: 'build-code-not-in-server',
      severity: 'error',
      comment:
        'Build integrations wire build steps from src/build and src/service-worker; of the server they share only constants: the encoding list, the security headers and the content types (the nginx configuration repeats them), and the `live` link both static servers serve from.',
      from: { path: '^src/(build|integrations)/' },
      to: {
        path: '^src/server/',
        pathNot: '^src/server/(precompressed|security-headers|content-types|live-client-dir)[.]ts$',
      },
    },
    {
      name: 'transports-not-site',
      severity: 'error',
      comment: 'A transport is a small adapter to one provider: it knows nothing of the site, its routes or pages.',
      from: { path: '^src/server/transports/' },
      to: { path: '^src/(catalog|pages|components|layouts|client)/' },
    },
    {
      name: 'sql-only-in-stores',
      severity: 'error',
      comment:
        'SQL lives in the *-store.ts files and src/server/store/; services.ts opens the database once per process.',
      from: {
        path: '^src/',
        pathNot: ['^src/server/store/', '-store[.]ts$', '^src/server/services[.]ts$'],
      },
      to: {
        path: '^src/server/store/(database|sqlite-sql|postgres-sql|postgres-connection)[.]ts$|^node:sqlite$|^sqlite$|^pg$',
      },
    },
    {
      name: 'core-stays-pure',
      severity: 'error',
      comment: 'Schemas, SMS counting, errors and the catalog helpers are used by the browser too: no server code.',
      from: { path: '^src/(schemas|sms|errors|catalog)/' },
      to: { path: '^src/(server|lint|build|integrations|pages|bundle)/' },
    },
    {
      name: 'browser-code-not-server',
      severity: 'error',
      comment:
        'Client scripts and the service worker run in the browser: they cannot reach server or build code. The pure content lint may run there (the line editor checks as the editor types), not its file readers.',
      from: { path: '^src/(client|service-worker)/', pathNot: '^src/service-worker/build-' },
      to: { path: '^src/(server|build|integrations|bundle)/|^src/lint/.*-fs[.]ts$' },
    },
    {
      name: 'lint-not-server',
      severity: 'error',
      comment: 'The content lint checks files at build time; it never needs the running hub.',
      from: { path: '^src/lint/' },
      to: { path: '^src/(server|pages|bundle|integrations)/' },
    },
    {
      name: 'server-not-pages',
      severity: 'error',
      comment: 'Pages call the server, never the other way round.',
      from: { path: '^src/server/' },
      to: { path: '^src/(pages|components|layouts|client)/' },
    },
  ],
  options: {
    // TypeScript 7 has no compiler API yet; swc parses the .ts sources.
    parser: 'swc',
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^src/env[.]d[.]ts$' },
  },
};
