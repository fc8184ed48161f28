// `npm run worker`: one more outbox worker next to the one in `npm start`. Workers share
// the outbox through leases, so any number can run against the same database.
import { contentDir } from '../src/content/content-dir.ts';
import { fileScriptSource } from '../src/server/broadcast/file-script-source.ts';
import { systemClock } from '../src/server/clock.ts';
import { loadConfig } from '../src/server/config.ts';
import { loadDelivery, startWorker } from '../src/server/delivery.ts';
import { createServices } from '../src/server/services.ts';

const config = loadConfig(process.env, process.cwd());
const delivery = loadDelivery(process.env, config, process.cwd());
const services = createServices({ databasePath: config.databasePath, clock: systemClock, scripts: fileScriptSource(contentDir()) });
const { worker, stop } = startWorker(services, delivery, config.publicUrl);
console.log(`Baken-verzender ${worker.owner} draait (gegevens in ${config.dataDir}).`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void stop().finally(() => process.exit(0)));
