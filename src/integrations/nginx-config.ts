import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import type { NginxOptions } from '../nginx/nginx-options.ts';
import { onDemandLocations, type ResolvedRoute } from '../nginx/on-demand-locations.ts';
import { renderNginxConfig } from '../nginx/render-nginx-config.ts';
import { contentTypeFor } from '../server/content-types.ts';
import { liveClientDir } from '../server/live-client-dir.ts';
import { SECURITY_HEADERS } from '../server/security-headers.ts';

/**
 * After the build: writes `dist/nginx/baken.conf`, an nginx configuration that serves the
 * prebuilt files with Baken's own headers and cache rules and proxies the routes Astro
 * renders on demand. Must come after the integration that writes the compressed variants.
 * (A rebuild into `releases/<id>` writes one there too; only `dist/nginx/baken.conf` is used.)
 */
export function nginxConfig(options: NginxOptions): AstroIntegration {
  let routes: ResolvedRoute[] = [];
  let assetsFolder = '_astro';
  return {
    name: 'baken:nginx-config',
    hooks: {
      'astro:config:done': ({ config }) => {
        assetsFolder = config.build.assets;
      },
      'astro:routes:resolved': ({ routes: resolved }) => {
        routes = resolved.map(({ pattern, isPrerendered, origin, type }) => ({ pattern, isPrerendered, origin, type }));
      },
      'astro:build:done': async ({ dir, logger }) => {
        const clientDir = fileURLToPath(dir);
        // Every extension in the build, typed as Baken's own server types it (the rest, such as
        // the .br and .gz variants, falls to nginx's default_type, as it does on Baken's server).
        const extensions = new Set(
          (await readdir(clientDir, { recursive: true, withFileTypes: true }))
            .filter((entry) => entry.isFile() && extname(entry.name) !== '')
            .map((entry) => extname(entry.name).toLowerCase()),
        );
        const contentTypes = new Map(
          [...extensions]
            .map((extension) => [extension, contentTypeFor(`file${extension}`)] as const)
            .filter(([, type]) => type !== 'application/octet-stream'),
        );
        const proxyLocations = onDemandLocations(routes);
        const config = renderNginxConfig({
          // The `live` link beside client/, as Baken's own server serves it: a rebuild after an
          // agreed line swaps that link, and nginx follows it on the next request.
          root: liveClientDir(dirname(clientDir.replace(/\/$/, ''))),
          upstream: options.upstream,
          listenPort: options.listenPort,
          securityHeaders: SECURITY_HEADERS,
          contentTypes,
          hashedPrefix: `/${assetsFolder}/`,
          proxyLocations,
        });
        const nginxDir = join(clientDir, '..', 'nginx');
        await mkdir(nginxDir, { recursive: true });
        await writeFile(join(nginxDir, 'baken.conf'), config);
        logger.info(
          `nginx/baken.conf: ${proxyLocations.length} locaties naar de Node-processen op ${options.upstream.join(', ')}`,
        );
      },
    },
  };
}
