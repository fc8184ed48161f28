// Starts the hub: the prebuilt site plus Astro's on-demand routes, on HOST:PORT.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadConfig } from './config.ts';
import { createHubServer, type AppHandler } from './http-server.ts';

const config = loadConfig(process.env, process.cwd());
mkdirSync(config.dataDir, { recursive: true });

const clientDir = join(config.distDir, 'client');
if (!existsSync(join(clientDir, 'index.html'))) {
  console.error(`Baken: geen gebouwde site gevonden in ${clientDir}. Voer eerst "npm run build" uit.`);
  process.exit(1);
}

let appHandler: AppHandler | undefined;
const entry = join(config.distDir, 'server', 'entry.mjs');
if (existsSync(entry)) {
  // We run our own HTTP server around Astro's handler, so Astro must not listen itself.
  process.env.ASTRO_NODE_AUTOSTART = 'disabled';
  ({ handler: appHandler } = (await import(pathToFileURL(entry).href)) as { handler: AppHandler });
}

const server = createHubServer({ clientDir, appHandler });
server.listen(config.port, config.host, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  console.log(`Baken draait op http://${host}:${port}/ (gegevens in ${config.dataDir})`);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}
