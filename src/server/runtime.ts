// The services of the web process, made on first use. Imported by on-demand pages and the
// API only (it uses Astro's content collection for the scripts).
import { getCollection } from 'astro:content';
import { type ComposableScript, type ScriptSource, toComposable } from './broadcast/script-source.ts';
import { systemClock } from './clock.ts';
import { loadConfig, type ServerConfig } from './config.ts';
import { directSender, loadDelivery } from './delivery.ts';
import { astroBuildSite } from './lines/astro-build-site.ts';
import { SiteRebuilder } from './lines/site-rebuilder.ts';
import { createServices, type Services } from './services.ts';
import { SubscriptionService } from './subscribers/subscription-service.ts';

const astroScripts: ScriptSource = {
  async list(): Promise<ComposableScript[]> {
    return (await getCollection('scripts')).map((entry) => toComposable(entry.id, entry.data, entry.body ?? ''));
  },
  async get(slug) {
    return (await this.list()).find((script) => script.slug === slug);
  },
};

interface Runtime {
  config: ServerConfig;
  services: Services;
  subscriptions: SubscriptionService;
  /** Rebuilds the site after a line is agreed, swapping it in whole. */
  rebuilder: SiteRebuilder;
}

let current: Runtime | undefined;

export function runtime(): Runtime {
  if (!current) {
    const config = loadConfig(process.env, process.cwd());
    const { transports, broadcastValidityMs } = loadDelivery(process.env, config, process.cwd());
    const rebuilder = new SiteRebuilder(config.distDir, astroBuildSite(process.cwd()), systemClock);
    const services = createServices({
      databasePath: config.databasePath,
      clock: systemClock,
      scripts: astroScripts,
      broadcastValidityMs,
      rebuildSite: () => void rebuilder.request(),
    });
    const subscriptions = new SubscriptionService({
      ...services,
      codeKey: services.keys.links,
      send: directSender(services, transports),
      publicUrl: config.publicUrl,
    });
    current = { config, services, subscriptions, rebuilder };
  }
  return current;
}
