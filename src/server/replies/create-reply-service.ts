import { directSender } from '../delivery.ts';
import type { Services } from '../services.ts';
import type { Transports } from '../transports/create-transports.ts';
import { QuestionService } from './question-service.ts';
import { ReplyService } from './reply-service.ts';
import { ReplyStore } from './reply-store.ts';

/**
 * The question and reply services of a process, over its services. With `transports`, a STOP
 * is confirmed at once (exercises through the spool); without, the STOP still unsubscribes.
 */
export function createReplyServices(
  services: Services,
  options: { transports?: Transports; onQueued?: () => void } = {},
): { questions: QuestionService; replies: ReplyService } {
  const store = new ReplyStore(services.database.sql);
  const { transports, onQueued } = options;
  const common = {
    store,
    clock: services.clock,
    audit: services.audit,
    subscribers: services.subscribers,
    broadcasts: services.broadcasts,
    outbox: services.outbox,
    ...(onQueued && { onQueued }),
  };
  const questions = new QuestionService({ ...common, broadcastService: services.broadcastService });
  const live = transports && directSender(services, transports);
  const replies = new ReplyService({
    ...common,
    questions,
    personalTokens: services.personalTokens,
    ...(transports &&
      live && {
        sendNow: (message, training) =>
          training && message.channel === 'sms' ? transports.spool.sms.send(message) : live(message),
      }),
  });
  return { questions, replies };
}

/** How many ticks go by between two prunings of replies from strangers (an hour at the default pace). */
const PRUNE_EVERY_TICKS = 720;

/** Runs the escalation step every few seconds (and prunes strangers' replies hourly); returns the function that stops it. */
export function startQuestionTicker(
  { questions, replies }: { questions: QuestionService; replies: ReplyService },
  everyMs = 5_000,
): () => void {
  let running = false;
  let ticks = 0;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    const prune = ticks++ % PRUNE_EVERY_TICKS === 0;
    questions
      .tick()
      .then(() => (prune ? replies.pruneUnmatched() : 0))
      .catch((error: unknown) => console.error(`Baken: opschalen van oproepen mislukt: ${String(error)}`))
      .finally(() => {
        running = false;
      });
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
