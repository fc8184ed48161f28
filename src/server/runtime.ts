// The services of the web process, made on first use. Imported by on-demand pages and the
// API only (it uses Astro's content collection for the scripts).
import { getCollection } from 'astro:content';
import { type ComposableScript, type ScriptSource, toComposable } from './broadcast/script-source.ts';
import { systemClock } from './clock.ts';
import { loadConfig, type ServerConfig } from './config.ts';
import { directSender, loadDelivery } from './delivery.ts';
import { createReplyServices } from './replies/create-reply-service.ts';
import { loadMoSecret } from './replies/mo-secret.ts';
import type { QuestionService } from './replies/question-service.ts';
import type { ReplyService } from './replies/reply-service.ts';
import { createServices, type Services, wakeOutbox } from './services.ts';
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
  /** Call-ups and roll-calls: pools, escalation, tally and confirmation (see replies/). */
  questions: QuestionService;
  /** Replies to them from every channel. */
  replies: ReplyService;
  /** BAKEN_MO_SECRET: what gateways must send with an incoming SMS; undefined refuses them all. */
  moSecret: string | undefined;
}

let current: Runtime | undefined;

export function runtime(): Runtime {
  if (!current) {
    const config = loadConfig(process.env, process.cwd());
    const { transports, broadcastValidityMs } = loadDelivery(process.env, config, process.cwd());
    const services = createServices({
      databasePath: config.databasePath,
      clock: systemClock,
      scripts: astroScripts,
      broadcastValidityMs,
    });
    const subscriptions = new SubscriptionService({
      ...services,
      codeKey: services.keys.links,
      send: directSender(services, transports),
      publicUrl: config.publicUrl,
    });
    const { questions, replies } = createReplyServices(services, { transports, onQueued: wakeOutbox });
    current = { config, services, subscriptions, questions, replies, moSecret: loadMoSecret(process.env) };
  }
  return current;
}
