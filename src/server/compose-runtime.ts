import type { ServerConfig } from './config.ts';
import { type Delivery, directSender } from './delivery.ts';
import type { Runtime } from './runtime.ts';
import { createProcessServices } from './services.ts';
import { SubscriptionService } from './subscribers/subscription-service.ts';

/** The composition root of a web process: the services, made once, for the server and its pages. */
export async function composeRuntime(config: ServerConfig, delivery: Delivery): Promise<Runtime> {
  const services = await createProcessServices(config, delivery.broadcastValidityMs);
  const subscriptions = new SubscriptionService({
    ...services,
    codeKey: services.keys.links,
    send: directSender(services, delivery.transports),
    publicUrl: config.publicUrl,
  });
  return { config, services, subscriptions };
}
