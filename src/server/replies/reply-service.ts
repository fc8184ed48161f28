import type { Broadcast } from '../../schemas/broadcast.ts';
import type { AuditLog } from '../audit/audit-log-store.ts';
import type { BroadcastStore } from '../broadcast/broadcast-store.ts';
import { TRAINING_PREFIX } from '../broadcast/compose-texts.ts';
import { invalid, type Outcome, refuse } from '../broadcast/outcome.ts';
import type { Clock } from '../clock.ts';
import type { OutboxStore } from '../outbox/outbox-store.ts';
import { normalizePhone } from '../subscribers/normalize-contact.ts';
import type { PersonalTokens } from '../subscribers/personal-token.ts';
import type { SubscriberStore } from '../subscribers/subscriber-store.ts';
import type { OutgoingMessage } from '../transports/transport.ts';
import { autoReplyText, queueAutoReply } from './auto-reply.ts';
import { matchKeyword } from './match-keyword.ts';
import type { QuestionService } from './question-service.ts';
import type { QuestionRecipient, ReplySource, ReplyStore, StoredQuestion } from './reply-store.ts';
import { tallyReplies, yesKeyword } from './tally-replies.ts';

/** Limits on what the public-facing reply routes can make Baken store. */
export const REPLY_LIMITS = {
  /** Longest reply text kept (the rest is cut off); a long SMS is ten parts at most. */
  textChars: 1_600,
  /** Longest sender (number or address) accepted. */
  senderChars: 64,
  /** Replies one sender may send per minute; more are dropped unstored. */
  perSenderPerMinute: 10,
  /** Replies all senders together may send per minute. */
  perMinute: 3_000,
} as const;

/** How long replies that matched no question are kept, for a coordinator to look at: a week. */
export const UNMATCHED_KEEP_MS = 7 * 24 * 3_600_000;

/** The text that confirms a STOP; the subscriber's data is deleted right after. */
export const STOP_CONFIRMATION =
  'U bent afgemeld. U krijgt geen berichten meer van ons en uw gegevens zijn verwijderd.';

/** What happened to an incoming reply. */
export type ReceiveResult =
  | { status: 'counted'; broadcastId: string; answer: string; autoReply: string | null }
  | { status: 'unsubscribed' }
  | { status: 'unknown' }
  | { status: 'limited' };

export interface ReplyServiceDeps {
  store: ReplyStore;
  clock: Clock;
  audit: AuditLog;
  subscribers: SubscriberStore;
  broadcasts: BroadcastStore;
  /** The questions, for the first pools of what was just published. */
  questions: QuestionService;
  outbox: OutboxStore;
  /** Opens the signed link token of a recipient's personal pages (see PersonalTokens). */
  personalTokens: PersonalTokens;
  /** Wakes a worker in this process after automatic replies were queued. */
  onQueued?: () => void;
  /**
   * Sends a message at once, outside the outbox: the STOP confirmation, which must go out
   * although the subscriber's data is deleted right away. Exercise messages go to the spools.
   */
  sendNow?: (message: OutgoingMessage, training: boolean) => Promise<unknown>;
}

/**
 * Replies to call-ups and roll-calls from every channel: matched to the question asked,
 * read forgivingly, counted, answered automatically; STOP unsubscribes.
 */
export class ReplyService {
  readonly #d: ReplyServiceDeps;

  constructor(deps: ReplyServiceDeps) {
    this.#d = deps;
  }

  /**
   * An SMS reply from a gateway (or the simulator, for exercises): matched to the latest open
   * question asked of that number, read forgivingly, counted, and answered automatically.
   * STOP unsubscribes any known number. Replies from numbers nobody asked are kept apart.
   */
  async receiveSms(source: Exclude<ReplySource, 'web'>, from: string, text: string): Promise<ReceiveResult> {
    const now = this.#d.clock.now().getTime();
    const sender = (normalizePhone(from.slice(0, REPLY_LIMITS.senderChars)) ?? from.trim()).slice(
      0,
      REPLY_LIMITS.senderChars,
    );
    const body = text.slice(0, REPLY_LIMITS.textChars);
    if (
      (await this.#d.store.countFrom(sender, now - 60_000)) >= REPLY_LIMITS.perSenderPerMinute ||
      (await this.#d.store.countSince(now - 60_000)) >= REPLY_LIMITS.perMinute
    )
      return { status: 'limited' };
    // A question approved a moment ago has its first pool recorded before its replies are matched;
    // escalation is left to the ticker, so a reply costs no tally of every open question.
    await this.#d.questions.askFirstPools(now);
    const training = source === 'simulator';
    const recipient = await this.#d.store.latestOpenFor('phone', sender, training, now);
    const question = recipient && (await this.#d.store.question(recipient.broadcastId));
    const matched = matchKeyword(body, question?.question.answers ?? []);
    if (matched.kind === 'stop') return this.#stop(source, sender, body, recipient, training, now);
    if (!recipient || !question) {
      await this.#d.store.insertReply({
        broadcastId: null,
        subscriberId: null,
        source,
        sender,
        body,
        answer: 'unclear',
        autoReply: null,
        training,
        receivedAt: now,
      });
      return { status: 'unknown' };
    }
    return this.#count(
      question,
      recipient,
      source,
      sender,
      body,
      matched.kind === 'answer' ? matched.keyword : 'unclear',
      now,
      'sms',
    );
  }

  /** An answer from the personal reply page (a POST button); the page shows the automatic reply. */
  async receiveWeb(
    broadcastId: string,
    token: string,
    keyword: string,
  ): Promise<Outcome<{ reply: string; answer: string }>> {
    const recipient = await this.#recipientByToken(broadcastId, token);
    const question = recipient && (await this.#d.store.question(recipient.broadcastId));
    if (!recipient || !question)
      return refuse({
        status: 404,
        code: 'unknown-question',
        message: 'Deze vraag bestaat niet (meer). Controleer de link.',
      });
    const now = this.#d.clock.now().getTime();
    if (question.closesAt !== null && question.closesAt <= now)
      return refuse({
        status: 409,
        code: 'question-closed',
        message: 'Deze vraag is gesloten. Antwoorden kan niet meer.',
      });
    const answer = question.question.answers.find((a) => a.keyword === keyword);
    if (!answer) return invalid([{ field: 'answer', message: 'Kies een van de knoppen.' }]);
    const result = await this.#count(question, recipient, 'web', 'web', answer.keyword, answer.keyword, now, 'web');
    const fresh = (await this.#d.store.question(question.broadcastId)) ?? question;
    return { ok: true, value: { answer: answer.keyword, reply: autoReplyText(fresh, result.autoReply) } };
  }

  /** The personal reply page's question: what was asked, the buttons, and the last answer given. */
  async page(
    broadcastId: string,
    token: string,
  ): Promise<
    | { question: StoredQuestion; broadcast: Broadcast; recipient: QuestionRecipient; lastAnswer: string | null }
    | undefined
  > {
    const recipient = await this.#recipientByToken(broadcastId, token);
    const question = recipient && (await this.#d.store.question(recipient.broadcastId));
    const broadcast = question && (await this.#d.broadcasts.get(question.broadcastId));
    if (!recipient || !question || !broadcast) return undefined;
    const mine = (await this.#d.store.replies(question.broadcastId)).filter(
      (reply) => reply.subscriberId === recipient.subscriberId && reply.answer !== 'stop',
    );
    return { question, broadcast, recipient, lastAnswer: mine.at(-1)?.answer ?? null };
  }

  /** The person asked, when the token is theirs (checked in constant time) and they were asked this question. */
  async #recipientByToken(broadcastId: string, token: string): Promise<QuestionRecipient | undefined> {
    const tokenId = this.#d.personalTokens.open(token);
    const subscriber = tokenId && (await this.#d.subscribers.byTokenId(tokenId));
    if (!subscriber) return undefined;
    await this.#d.questions.tick(broadcastId);
    return this.#d.store.recipient(broadcastId, subscriber.id);
  }

  async #count(
    question: StoredQuestion,
    recipient: QuestionRecipient,
    source: ReplySource,
    sender: string,
    body: string,
    answer: string,
    now: number,
    channel: 'sms' | 'web',
  ): Promise<{ status: 'counted'; broadcastId: string; answer: string; autoReply: string | null }> {
    const broadcastId = question.broadcastId;
    const result = await this.#d.store.transaction(async () => {
      const yes = yesKeyword(question);
      const before = tallyReplies(
        question,
        await this.#d.store.recipients(broadcastId),
        await this.#d.store.replies(broadcastId),
        this.#d.clock.now().getTime(),
      );
      const alreadyChosen = before.people.find((p) => p.subscriberId === recipient.subscriberId)?.role === 'chosen';
      const enough = question.needed !== null && before.yes >= question.needed;
      const autoReply = answer === yes && enough && !alreadyChosen ? 'enough' : answer;
      await this.#d.store.insertReply({
        broadcastId,
        subscriberId: recipient.subscriberId,
        source,
        sender,
        body,
        answer,
        autoReply,
        training: question.training,
        receivedAt: now,
      });
      let reachedEnough = false;
      if (question.needed !== null && answer === yes && !enough && before.yes + 1 >= question.needed)
        reachedEnough = await this.#d.store.markEnough(broadcastId, now);
      await this.#d.audit.append({
        actor: source === 'web' ? 'publiek' : source,
        action: 'question.reply',
        subject: `broadcast:${broadcastId}`,
        details: { subscriber: recipient.subscriberId, pool: recipient.pool, answer, autoReply },
      });
      if (reachedEnough)
        await this.#d.audit.append({
          actor: 'baken',
          action: 'question.enough',
          subject: `broadcast:${broadcastId}`,
          details: { needed: question.needed },
        });
      if (channel === 'sms' && recipient.phone)
        await queueAutoReply(
          this.#d,
          question,
          autoReply,
          [{ broadcastId, subscriberId: recipient.subscriberId, channel: 'sms', address: recipient.phone }],
          now,
        );
      return { status: 'counted' as const, broadcastId, answer, autoReply };
    });
    if (channel === 'sms') this.#d.onQueued?.();
    return result;
  }

  async #stop(
    source: ReplySource,
    sender: string,
    body: string,
    recipient: QuestionRecipient | undefined,
    training: boolean,
    now: number,
  ): Promise<ReceiveResult> {
    const subscriber = await this.#d.subscribers.byAddress('sms', sender);
    // The reply, the deletion and its audit entry happen together or not at all.
    await this.#d.store.transaction(async () => {
      await this.#d.store.insertReply({
        broadcastId: recipient?.broadcastId ?? null,
        subscriberId: subscriber?.id ?? null,
        source,
        sender,
        body,
        answer: 'stop',
        autoReply: subscriber ? 'stop' : null,
        training,
        receivedAt: now,
      });
      // An exercise never deletes anyone: the simulator's STOP is confirmed, and counted apart.
      if (!subscriber || training) return;
      await this.#d.subscribers.delete(subscriber.id);
      await this.#d.audit.append({
        actor: source,
        action: 'subscription.deleted.stop',
        subject: `subscriber:${subscriber.id}`,
        details: { via: 'sms' },
      });
    });
    if (!subscriber) return { status: 'unknown' };
    try {
      await this.#d.sendNow?.(
        {
          channel: 'sms',
          to: sender,
          text: `${training ? `${TRAINING_PREFIX}: ` : ''}${STOP_CONFIRMATION}`,
          idempotencyKey: `stop.${subscriber.id}.${now}`,
        },
        training,
      );
    } catch {
      // The person is unsubscribed either way; a lost confirmation is not worth a retry loop.
    }
    return { status: 'unsubscribed' };
  }

  /** Deletes replies that matched no question once they are older than UNMATCHED_KEEP_MS. */
  pruneUnmatched(): Promise<number> {
    return this.#d.store.pruneUnmatched(this.#d.clock.now().getTime() - UNMATCHED_KEEP_MS);
  }

  /** Replies from numbers nobody asked (or with nothing open), newest first. */
  unmatched(limit = 100) {
    return this.#d.store.unmatched(limit);
  }
}
