// @ts-check

import { fileURLToPath } from 'node:url';
import node from '@astrojs/node';
import sitemap from '@astrojs/sitemap';
import { defineConfig } from 'astro/config';
import { contentDir } from './src/catalog/content-dir.ts';
import { routes } from './src/catalog/routes.ts';
import { contentLint } from './src/integrations/content-lint.ts';
import { nginxConfig } from './src/integrations/nginx-config.ts';
import { serviceWorker } from './src/integrations/service-worker.ts';
import { nginxOptionsFromEnv } from './src/nginx/nginx-options.ts';
import { cachePolicyFor } from './src/service-worker/cache-policy.ts';
import { precacheLimits } from './src/service-worker/precache-limits.ts';

const projectRoot = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  // Used for absolute URLs in the sitemap; set BAKEN_SITE_URL to the public address.
  site: process.env.BAKEN_SITE_URL ?? 'http://127.0.0.1:4321',
  output: 'static',
  // A separate cache lets a benchmark build another content folder without touching this one.
  ...(process.env.BAKEN_ASTRO_CACHE_DIR ? { cacheDir: process.env.BAKEN_ASTRO_CACHE_DIR } : {}),
  trailingSlash: 'ignore',
  build: { format: 'directory', inlineStylesheets: 'never' },
  // Middleware mode: Baken's own server (src/server/main.ts) calls Astro's handler and hands it
  // the process's services as locals; Astro never listens itself.
  adapter: node({ mode: 'middleware' }),
  integrations: [
    contentLint({ contentDir: contentDir(projectRoot), projectRoot }),
    sitemap({
      filter: (page) => {
        const path = new URL(page).pathname;
        return path !== routes.offline && cachePolicyFor(path) !== 'private';
      },
    }),
    // Last: the precache takes in every file the integrations before it wrote.
    serviceWorker({ limits: precacheLimits(process.env) }),
    // After the compressed variants exist: dist/nginx/baken.conf for serving the build with nginx.
    nginxConfig(nginxOptionsFromEnv(process.env)),
  ],
  devToolbar: { enabled: false },
  // src/middleware.ts refuses cross-origin requests itself. Astro's own check would also
  // refuse form posts without an Origin header, such as a mail program's one-click unsubscribe.
  security: { checkOrigin: false },
  // Every script is a file: the CSP allows no inline script.
  vite: { build: { assetsInlineLimit: 0 } },
});
