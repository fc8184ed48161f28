import { systemClock } from './clock.ts';
import type { ServerConfig } from './config.ts';
import { type Delivery, directSender } from './delivery.ts';
import { astroBuildSite } from './lines/astro-build-site.ts';
import { SiteRebuilder } from './lines/site-rebuilder.ts';
import { createReplyServices } from './replies/create-reply-service.ts';
import type { Runtime } from './runtime.ts';
import { createProcessServices } from './services.ts';
import { SubscriptionService } from './subscribers/subscription-service.ts';

/**
 * The composition root of a web process: the services, made once, for the server and its
 * pages. `moSecret` is BAKEN_MO_SECRET as main.ts read it before anything started.
 */
export async function composeRuntime(
  config: ServerConfig,
  delivery: Delivery,
  moSecret: string | undefined,
): Promise<Runtime> {
  // Rebuilds the site after a line is agreed, and swaps it in whole (see lines/site-rebuilder.ts).
  const rebuilder = new SiteRebuilder(config.distDir, astroBuildSite(process.cwd()), systemClock);
  const services = await createProcessServices(config, delivery.broadcastValidityMs, () => void rebuilder.request());
  const subscriptions = new SubscriptionService({
    ...services,
    codeKey: services.keys.links,
    send: directSender(services, delivery.transports),
    publicUrl: config.publicUrl,
  });
  const { questions, replies } = createReplyServices(services, {
    transports: delivery.transports,
    onQueued: services.wakeOutbox,
  });
  return { config, services, subscriptions, rebuilder, questions, replies, moSecret };
}
