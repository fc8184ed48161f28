// `npm run worker`: one more outbox worker next to the one in `npm start`. Workers share
// the outbox through leases (SKIP LOCKED on PostgreSQL), so any number can run against the
// same store, on this machine or others with the same BAKEN_DATABASE_URL.
import { loadConfig } from '../src/server/config.ts';
import { loadDelivery, startWorker } from '../src/server/delivery.ts';
import { createReplyServices, startQuestionTicker } from '../src/server/replies/create-reply-service.ts';
import { createProcessServices } from '../src/server/services.ts';
import { startupStep } from '../src/server/startup-step.ts';

const config = await startupStep(() => loadConfig(process.env, process.cwd()));
const delivery = await startupStep(() => loadDelivery(process.env, config, process.cwd()));
const services = await startupStep(() => createProcessServices(config, delivery.broadcastValidityMs));
const { worker, stop } = startWorker(services, delivery, config.publicUrl, config.orgName);
// Call-ups escalate to their next pool on time, wherever a worker runs.
startQuestionTicker(createReplyServices(services, { onQueued: services.wakeOutbox }));
const where = 'postgres' in config.database ? 'PostgreSQL' : config.dataDir;
console.log(`Baken-verzender ${worker.owner} draait (gegevens in ${where}).`);
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(
    signal,
    () =>
      void stop()
        .then(() => services.close())
        .finally(() => process.exit(0)),
  );
