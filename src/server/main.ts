// Starts the hub: the prebuilt site plus Astro's on-demand routes on HOST:PORT, and one
// outbox worker (BAKEN_WORKER=0 leaves it out; `npm run worker` starts more).
import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseRelayOptions } from '../relay/relay-options.ts';
import { ensureSigningKey } from '../relay/signing-key-fs.ts';
import { type RunningRelay, startRelay } from '../relay/start-relay.ts';
import { composeRuntime } from './compose-runtime.ts';
import { loadConfig } from './config.ts';
import { loadDelivery, startWorker } from './delivery.ts';
import { ensureDemoSetup } from './demo-setup.ts';
import { startHousekeeping } from './housekeeping.ts';
import { trustedProxyList } from './http/client-address.ts';
import { type AppHandler, createHubServer } from './http-server.ts';
import { startExpiryReminders } from './lines/expiry-reminders.ts';
import { startLineFollower } from './lines/line-follower.ts';
import { liveClientDir } from './live-client-dir.ts';
import { startQuestionTicker } from './replies/create-reply-service.ts';
import { loadMoSecret } from './replies/mo-secret.ts';
import { startupStep } from './startup-step.ts';
import { makeDataDirPrivate } from './store/private-data-dir.ts';
import { urlHost } from './url-host.ts';

const config = await startupStep(() => loadConfig(process.env, process.cwd()));
makeDataDirPrivate(config.dataDir);
const delivery = await startupStep(() => loadDelivery(process.env, config, process.cwd()));
// A bad BAKEN_MO_SECRET stops the start, as every other setting does.
const moSecret = await startupStep(() => loadMoSecret(process.env));

if (!existsSync(join(config.distDir, 'client', 'index.html'))) {
  console.error(
    `Baken: geen gebouwde site gevonden in ${join(config.distDir, 'client')}. Voer eerst "npm run build" uit.`,
  );
  process.exit(1);
}
// Served through the `live` link, which a rebuild after an agreed line swaps in one step.
const clientDir = liveClientDir(config.distDir);

// The key that signs /feeds/signed-updates.json is made the first time this data folder is used.
const signingKey = ensureSigningKey(config.dataDir);
const relay: RunningRelay | undefined = await startupStep(() => {
  const relayOptions = parseRelayOptions(process.env, undefined);
  return relayOptions && startRelay(relayOptions, config.dataDir, clientDir);
});

// The one composition root of this process: the services are made here once and handed to
// Astro's on-demand pages with every request (locals.runtime).
const runtime = await startupStep(() => composeRuntime(config, delivery, moSecret));
const { services } = runtime;
if (process.env.BAKEN_DEMO === '1') {
  const accounts = await ensureDemoSetup(services);
  if (accounts.length > 0) {
    console.log(
      '\nBaken demo: twee coördinatoren aangemaakt. Bewaar deze wachtwoorden; ze worden niet opnieuw getoond.',
    );
    for (const a of accounts) console.log(`  ${a.username}  wachtwoord: ${a.password}\n${a.otpauthUri}`);
    console.log(
      '  Zet elke otpauth://-regel in een authenticator-app (een nieuwe maakt u met: npm run baken -- user reset-2fa <naam>).',
    );
    console.log(`  Inloggen: ${config.publicUrl}/coordinator/\n`);
  }
}

type AstroHandler = (req: IncomingMessage, res: ServerResponse, next: undefined, locals: App.Locals) => void;
let appHandler: AppHandler | undefined;
const entry = join(config.distDir, 'server', 'entry.mjs');
if (existsSync(entry)) {
  const { handler } = (await import(pathToFileURL(entry).href)) as { handler: AstroHandler };
  appHandler = (req, res) => handler(req, res, undefined, { runtime });
}

startHousekeeping(services);
// On a shared store, lines agreed through a web process on another machine come into this
// machine's content folder and site too (lines/line-follower.ts).
if (services.database.sql.dialect === 'postgres') await startLineFollower(services.database.sql, services.followLines);
startExpiryReminders(services.sendExpiryReminders);
const worker =
  process.env.BAKEN_WORKER === '0' ? undefined : startWorker(services, delivery, config.publicUrl, config.orgName);
// Call-ups escalate to their next pool on time, wherever a worker runs.
if (worker) startQuestionTicker(runtime);
const server = createHubServer({
  clientDir,
  appHandler,
  relay: relay?.handler,
  maxConnections: config.maxConnections,
  trustedProxies: config.trustedProxies.length > 0 ? trustedProxyList(config.trustedProxies) : undefined,
});
server.listen(config.port, config.host, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = urlHost(config.host);
  const channels = worker
    ? `e-mail via ${delivery.transports.email.map((t) => t.name).join(', ')}; sms via ${delivery.transports.sms.map((t) => t.name).join(', ')}`
    : 'zonder eigen verzender: npm run worker verstuurt';
  console.log(
    `Baken draait op http://${host}:${port}/ (gegevens in ${'postgres' in config.database ? 'PostgreSQL' : config.dataDir}; ${channels}; ondertekensleutel ${signingKey.keyId})`,
  );
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    relay?.follower.stop();
    server.close();
    server.closeAllConnections();
    void (worker?.stop() ?? Promise.resolve()).then(() => services.close()).finally(() => process.exit(0));
  });
}
