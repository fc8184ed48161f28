import type { ServerConfig } from './config.ts';
import type { SiteRebuilder } from './lines/site-rebuilder.ts';
import type { QuestionService } from './replies/question-service.ts';
import type { ReplyService } from './replies/reply-service.ts';
import type { Services } from './services.ts';
import type { SubscriptionService } from './subscribers/subscription-service.ts';

/**
 * What the on-demand pages and the API work with. The server process makes it once (see
 * compose-runtime.ts) and hands it to Astro's handler as `locals.runtime`, so the pages
 * share the process's store connection and providers instead of wiring their own.
 */
export interface Runtime {
  config: ServerConfig;
  services: Services;
  subscriptions: SubscriptionService;
  /** Rebuilds the site after a line is agreed, swapping it in whole. */
  rebuilder: SiteRebuilder;
  /** Call-ups and roll-calls: pools, escalation, tally and confirmation (see replies/). */
  questions: QuestionService;
  /** Replies to them from every channel. */
  replies: ReplyService;
  /** BAKEN_MO_SECRET: what gateways must send with an incoming SMS; undefined refuses them all. */
  moSecret: string | undefined;
}

/** The runtime the server process handed to this request. */
export function runtimeOf(locals: App.Locals): Runtime {
  if (!locals.runtime) throw new Error('Baken: deze pagina is niet via de Baken-server opgevraagd (npm start).');
  return locals.runtime;
}
