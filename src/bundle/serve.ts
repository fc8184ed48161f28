// Entry of serve.mjs in the local-network bundle: serves the site folder next to it with the
// hub's own static server and headers, so the service worker installs as it does online.
// Bundled into one dependency-free file by write-bundle.ts.
import { networkInterfaces } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BakenError } from '../errors/baken-error.ts';
import { createHubServer, notFoundResponder } from '../server/http-server.ts';
import { urlHost } from '../server/url-host.ts';
import { startBundleRelay } from './bundle-relay.ts';
import { createBundleHandler } from './bundle-routes.ts';
import { parseServeOptions, type ServeOptions, ServeOptionsError } from './serve-options.ts';

let options: ServeOptions;
try {
  options = parseServeOptions(process.argv.slice(2), process.env);
} catch (error) {
  if (!(error instanceof ServeOptionsError)) throw error;
  console.error(error.message);
  process.exit(2);
}

const bundleDir = dirname(fileURLToPath(import.meta.url));
let relay: ReturnType<typeof startBundleRelay>;
try {
  relay = startBundleRelay(bundleDir, process.env);
} catch (error) {
  if (!(error instanceof BakenError)) throw error;
  console.error(error.message);
  process.exit(2);
}

const clientDir = join(bundleDir, 'site');
const server = createHubServer({
  clientDir,
  appHandler: createBundleHandler(notFoundResponder(clientDir)),
  relay: relay?.handler,
});
server.on('error', (error: NodeJS.ErrnoException) => {
  console.error(
    error.code === 'EADDRINUSE'
      ? `Poort ${options.port} is al in gebruik. Kies een ander getal, bijvoorbeeld: node serve.mjs ${options.port + 1}`
      : `Baken kan niet starten: ${error.message}`,
  );
  process.exit(1);
});
server.listen(options.port, options.host, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const everywhere = options.host === '0.0.0.0' || options.host === '::';
  const host = everywhere ? 'localhost' : urlHost(options.host);
  const lines = [`Baken draait op http://${host}:${port}/`];
  if (everywhere) {
    const lan = Object.values(networkInterfaces())
      .flat()
      .filter((net) => net && net.family === 'IPv4' && !net.internal)
      .map((net) => `  http://${net?.address}:${port}/`);
    lines.push(
      lan.length > 0
        ? 'Voor andere apparaten op het netwerk:'
        : 'Geen netwerk gevonden: alleen deze computer kan Baken openen.',
      ...lan,
    );
  }
  lines.push('Stoppen: druk op Ctrl+C.');
  console.log(lines.join('\n'));
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    relay?.follower.stop();
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}
