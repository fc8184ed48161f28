// `npm run worker`: one more outbox worker next to the one in `npm start`. Workers share
// the outbox through leases, so any number can run against the same database.
import { loadConfig } from '../src/server/config.ts';
import { loadDelivery, startWorker } from '../src/server/delivery.ts';
import { createReplyServices, startQuestionTicker } from '../src/server/replies/create-reply-service.ts';
import { createProcessServices, wakeOutbox } from '../src/server/services.ts';

const config = loadConfig(process.env, process.cwd());
const delivery = loadDelivery(process.env, config, process.cwd());
const services = createProcessServices(config, delivery.broadcastValidityMs);
const { worker, stop } = startWorker(services, delivery, config.publicUrl, config.orgName);
startQuestionTicker(createReplyServices(services, { onQueued: wakeOutbox }));
console.log(`Baken-verzender ${worker.owner} draait (gegevens in ${config.dataDir}).`);
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => void stop().finally(() => process.exit(0)));
