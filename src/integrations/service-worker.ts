import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { precompressFiles } from '../build/precompress-files.ts';
import { buildServiceWorker } from '../service-worker/build-service-worker.ts';
import { formatMegabytes, type PrecacheLimits } from '../service-worker/precache-limits.ts';

/**
 * After the build: writes the service worker with every prebuilt file in its precache (the
 * build stops on any workbox warning or over budget), then the brotli and gzip variants the
 * server sends. Must come after every integration that writes files (the sitemap).
 */
export function serviceWorker(options: { limits: PrecacheLimits }): AstroIntegration {
  return {
    name: 'baken:service-worker',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const clientDir = fileURLToPath(dir);
        const { count, size } = await buildServiceWorker({ clientDir, limits: options.limits });
        logger.info(
          `sw.js: ${count} bestanden in de precache, ${formatMegabytes(size)} (budget ${formatMegabytes(options.limits.budgetBytes)})`,
        );
        const { files, bytes, written } = await precompressFiles(clientDir);
        logger.info(
          `${files} bestanden vooraf gecomprimeerd: ${formatMegabytes(bytes)} → br ${formatMegabytes(written.br)}, gzip ${formatMegabytes(written.gzip)}`,
        );
      },
    },
  };
}
