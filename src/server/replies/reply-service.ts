import type { Broadcast, CreateBroadcastInput } from '../../schemas/broadcast.ts';
import type { FieldProblem } from '../../schemas/input-messages.ts';
import type { ScriptQuestion } from '../../schemas/question.ts';
import type { SubscriberChannel } from '../../schemas/subscriber.ts';
import type { AuditLog } from '../audit/audit-log-store.ts';
import type { User } from '../auth/user-store.ts';
import type { BroadcastService } from '../broadcast/broadcast-service.ts';
import type { BroadcastStore } from '../broadcast/broadcast-store.ts';
import { TRAINING_PREFIX } from '../broadcast/compose-texts.ts';
import { fillPlaceholders } from '../broadcast/fill-placeholders.ts';
import { invalid, type Outcome, refuse } from '../broadcast/outcome.ts';
import type { Clock } from '../clock.ts';
import type { NewOutboxRow, OutboxStore } from '../outbox/outbox-store.ts';
import { normalizePhone } from '../subscribers/normalize-contact.ts';
import type { PersonalTokens } from '../subscribers/personal-token.ts';
import { addressOn, firstChannel } from '../subscribers/pick-channel.ts';
import type { SubscriberStore } from '../subscribers/subscriber-store.ts';
import type { OutgoingMessage } from '../transports/transport.ts';
import { matchKeyword } from './match-keyword.ts';
import type { QuestionRecipient, ReplySource, ReplyStore, StoredQuestion } from './reply-store.ts';
import { type Tally, tallyReplies, yesKeyword } from './tally-replies.ts';

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

/** How long replies are matched to a question when the broadcast set no validity: two days. */
const DEFAULT_OPEN_MS = 48 * 3_600_000;

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
  broadcastService: BroadcastService;
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

/** What the console and the API show of a question. */
export interface QuestionView extends Tally {
  kind: ScriptQuestion['kind'];
  answers: string[];
  pools_order: string[];
  escalateAfterMinutes: number | null;
  enoughAt: string | null;
  confirmedAt: string | null;
  confirmedBy: string | null;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * Call-ups and roll-calls: the question a broadcast asks, the pools asked in turn, the
 * replies from every channel, the automatic replies and the confirmation of the chosen people.
 */
export class ReplyService {
  readonly #d: ReplyServiceDeps;

  constructor(deps: ReplyServiceDeps) {
    this.#d = deps;
  }

  /**
   * Creates a call-up or roll-call draft: the broadcast goes to the first pool; `needed`,
   * the pools and the escalation time are kept with its question. A line without a question
   * takes none of these fields.
   */
  async create(input: CreateBroadcastInput, author: User): Promise<Outcome<Broadcast>> {
    const script = await this.#d.broadcastService.script(input.script);
    const question = script?.question;
    const asked = input.needed !== undefined || input.pools !== undefined || input.escalate_after_minutes !== undefined;
    if (!question) {
      if (asked)
        return invalid([
          {
            field: 'script',
            message:
              'Deze lijn stelt geen vraag; needed, pools en escalate_after_minutes horen bij een oproep of appèl.',
          },
        ]);
      return this.#d.broadcastService.create(input, author);
    }
    const problems: FieldProblem[] = [];
    const pools = input.pools ?? input.lists;
    if (pools.length === 0)
      problems.push({ field: 'pools', message: 'Kies minstens één pool (lijst) die de vraag krijgt.' });
    if (question.kind === 'call-up' && input.needed === undefined)
      problems.push({ field: 'needed', message: 'Zeg hoeveel mensen u nodig hebt.' });
    if (question.kind === 'roll-call' && input.needed !== undefined)
      problems.push({
        field: 'needed',
        message: 'Een appèl vraagt of mensen veilig zijn; het heeft geen aantal nodig.',
      });
    if (input.escalate_after_minutes !== undefined && pools.length < 2)
      problems.push({
        field: 'escalate_after_minutes',
        message: 'Opschalen kan alleen naar een volgende pool; kies er minstens twee.',
      });
    const known = new Set((await this.#d.subscribers.lists()).map((list) => list.name.toLowerCase()));
    for (const pool of pools)
      if (!known.has(pool.toLowerCase()))
        problems.push({ field: 'pools', message: `De lijst "${pool}" bestaat niet.` });
    if (problems.length > 0) {
      // Report the draft's own problems (fill-in fields, channels) at the same time.
      const draft = await this.#d.broadcastService.preview({ ...input, lists: pools.slice(0, 1) });
      return invalid([...(!draft.ok && 'invalid' in draft ? draft.invalid : []), ...problems]);
    }
    // The broadcast itself goes to the first pool; the next ones are asked by the escalation.
    const created = await this.#d.broadcastService.create({ ...input, lists: [pools[0]!] }, author);
    if (!created.ok) return created;
    await this.#d.store.insertQuestion({
      broadcastId: created.value.id,
      question,
      needed: question.kind === 'call-up' ? (input.needed ?? null) : null,
      pools,
      escalateAfterMs:
        input.escalate_after_minutes !== undefined ? Math.round(input.escalate_after_minutes * 60_000) : null,
      training: created.value.training,
    });
    return created;
  }

  /** The question of a broadcast with its tally and escalation state, or undefined for an ordinary broadcast. */
  async view(broadcastId: string): Promise<QuestionView | undefined> {
    await this.tick(broadcastId);
    const question = await this.#d.store.question(broadcastId);
    if (!question) return undefined;
    const tally = tallyReplies(
      question,
      await this.#d.store.recipients(broadcastId),
      await this.#d.store.replies(broadcastId),
      this.#d.clock.now().getTime(),
    );
    return {
      kind: question.question.kind,
      answers: question.question.answers.map((answer) => answer.keyword),
      pools_order: question.pools,
      escalateAfterMinutes: question.escalateAfterMs === null ? null : question.escalateAfterMs / 60_000,
      enoughAt: iso(question.enoughAt),
      confirmedAt: iso(question.confirmedAt),
      confirmedBy: question.confirmedBy,
      ...tally,
    };
  }

  /**
   * The escalation step: asks the first pool of every newly published question, and the next
   * pool of every call-up whose time ran out with too few yeses. Safe to run from several
   * processes at once: each pool is asked once. `only` limits it to one broadcast.
   */
  async tick(only?: string): Promise<number> {
    const now = this.#d.clock.now().getTime();
    let asked = await this.#askFirstPools(now, only);
    for (const question of await this.#d.store.escalating(now)) {
      if (only !== undefined && question.broadcastId !== only) continue;
      if (question.needed === null || question.escalateAfterMs === null || question.lastCalledAt === null) continue;
      if (question.poolsCalled >= question.pools.length || now < question.lastCalledAt + question.escalateAfterMs)
        continue;
      const tally = tallyReplies(
        question,
        await this.#d.store.recipients(question.broadcastId),
        await this.#d.store.replies(question.broadcastId),
        now,
      );
      if (tally.yes >= question.needed) continue;
      asked += await this.#callPool(question, question.poolsCalled, now);
    }
    if (asked > 0) this.#d.onQueued?.();
    return asked;
  }

  /** Records the first pool of every question published since the last look (one query when there is none). */
  async #askFirstPools(now: number, only?: string): Promise<number> {
    let asked = 0;
    for (const question of await this.#d.store.publishedUncalled()) {
      if (only === undefined || question.broadcastId === only) asked += await this.#callPool(question, 0, now);
    }
    return asked;
  }

  /** Asks pool number `index` (from 0); returns how many people were asked. */
  async #callPool(question: StoredQuestion, index: number, now: number): Promise<number> {
    const broadcast = await this.#d.broadcasts.get(question.broadcastId);
    const pool = question.pools[index];
    if (!broadcast || pool === undefined) return 0;
    const channels = broadcast.channels.filter((c): c is SubscriberChannel => c !== 'web');
    // The first pool was asked when the broadcast was published; the escalation counts from then.
    const at = index === 0 && broadcast.publishedAt ? Date.parse(broadcast.publishedAt) : now;
    return this.#d.store.transaction(async () => {
      if (!(await this.#d.store.markCalled(question.broadcastId, index + 1, at, at + DEFAULT_OPEN_MS))) return 0;
      const already = new Set((await this.#d.store.recipients(question.broadcastId)).map((r) => r.subscriberId));
      const members = (await this.#d.subscribers.confirmedMembers([pool])).filter((s) => !already.has(s.id));
      const added = await this.#d.store.addRecipients(
        members.map(
          (s): QuestionRecipient => ({
            broadcastId: question.broadcastId,
            subscriberId: s.id,
            name: s.name,
            pool,
            poolIndex: index,
            phone: s.phone,
            email: s.email,
            askedAt: at,
          }),
        ),
      );
      // The first pool got the broadcast on approval; the next ones get it now, as the same broadcast.
      if (index > 0) await this.#d.outbox.enqueue(this.#rowsFor(broadcast.id, members, channels), now);
      await this.#d.audit.append({
        actor: 'baken',
        action: index === 0 ? 'question.asked' : 'question.escalated',
        subject: `broadcast:${question.broadcastId}`,
        details: { pool, poolNumber: index + 1, people: added },
      });
      return added;
    });
  }

  #rowsFor(
    broadcastId: string,
    people: Array<Parameters<typeof firstChannel>[0] & { id: number }>,
    channels: SubscriberChannel[],
  ): NewOutboxRow[] {
    return people.flatMap((person) => {
      const channel = firstChannel(person, channels);
      return channel ? [{ broadcastId, subscriberId: person.id, channel, address: addressOn(person, channel)! }] : [];
    });
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
    await this.#askFirstPools(now);
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
    return { ok: true, value: { answer: answer.keyword, reply: this.#replyText(fresh, result.autoReply) } };
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
    await this.tick(broadcastId);
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
        await this.#queueReply(
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

  /** The automatic reply text of `kind` (a keyword, `unclear`, `enough` or `confirm`), with the broadcast's fields filled in. */
  #replyText(question: StoredQuestion, kind: string | null, fields: Record<string, string> = {}): string {
    const q = question.question;
    const text =
      kind === 'enough'
        ? q.enough_reply
        : kind === 'confirm'
          ? q.confirm
          : kind === 'unclear' || kind === null
            ? q.unclear_reply
            : q.answers.find((answer) => answer.keyword === kind)?.reply;
    return fillPlaceholders(text ?? q.unclear_reply, fields);
  }

  /**
   * Queues an automatic reply through the outbox, as an internal broadcast per question and
   * kind: each person gets each kind of reply once, so two auto-responders cannot keep each
   * other busy.
   */
  async #queueReply(question: StoredQuestion, kind: string, rows: NewOutboxRow[], now: number): Promise<number> {
    const original = await this.#d.broadcasts.get(question.broadcastId);
    if (!original) return 0;
    const id = `${original.id}-${kind.toLowerCase()}`;
    const text = `${original.training ? `${TRAINING_PREFIX}: ` : ''}${this.#replyText(question, kind, original.fields)}`;
    if (!(await this.#d.store.hasBroadcast(id))) {
      await this.#d.broadcasts.insert(
        {
          ...original,
          id,
          messageType: 'alert',
          references: null,
          channels: ['sms', 'email'],
          lists: [],
          title: `Antwoord: ${original.title}`,
          webBody: text,
          emailSubject: `Antwoord: ${original.emailSubject}`,
          emailText: text,
          smsText: text,
          status: 'published',
          createdAt: new Date(now).toISOString(),
          submittedAt: new Date(now).toISOString(),
          publishedAt: new Date(now).toISOString(),
          returned: null,
        },
        { internal: true },
      );
    }
    return this.#d.outbox.enqueue(
      rows.map((row) => ({ ...row, broadcastId: id })),
      now,
    );
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

  /**
   * The coordinator confirms the chosen people with the line's one message; once per call-up.
   * Each gets it on their first channel of the broadcast.
   */
  async confirm(broadcastId: string, actor: User): Promise<Outcome<{ confirmed: number }>> {
    const question = await this.#d.store.question(broadcastId);
    const broadcast = question && (await this.#d.broadcasts.get(broadcastId));
    if (!question || !broadcast || question.question.kind !== 'call-up')
      return refuse({ status: 404, code: 'unknown-question', message: 'Deze oproep bestaat niet.' });
    if (broadcast.training !== Boolean((actor as User & { training?: boolean }).training))
      return refuse({
        status: 403,
        code: 'training-mismatch',
        message: 'Bevestig een oefening in de oefenmodus, en een echte oproep buiten de oefenmodus.',
      });
    const tally = tallyReplies(
      question,
      await this.#d.store.recipients(broadcastId),
      await this.#d.store.replies(broadcastId),
      this.#d.clock.now().getTime(),
    );
    const chosen = tally.people.filter((person) => person.role === 'chosen').map((person) => person.subscriberId);
    if (chosen.length === 0)
      return refuse({
        status: 409,
        code: 'nobody-chosen',
        message: 'Nog niemand heeft ja gezegd; er is niemand om te bevestigen.',
      });
    const now = this.#d.clock.now().getTime();
    const channels = broadcast.channels.filter((c): c is SubscriberChannel => c !== 'web');
    const people = (await this.#d.subscribers.confirmedMembers(question.pools)).filter((s) => chosen.includes(s.id));
    const done = await this.#d.store.transaction(async () => {
      if (!(await this.#d.store.markConfirmed(broadcastId, now, actor.username))) return false;
      await this.#queueReply(question, 'confirm', this.#rowsFor(broadcastId, people, channels), now);
      await this.#d.audit.append({
        actor: actor.username,
        action: 'question.confirmed',
        subject: `broadcast:${broadcastId}`,
        details: { chosen: people.length },
      });
      return true;
    });
    if (!done)
      return refuse({ status: 409, code: 'already-confirmed', message: 'De gekozen mensen zijn al bevestigd.' });
    this.#d.onQueued?.();
    return { ok: true, value: { confirmed: people.length } };
  }

  /** The phone numbers and addresses a question may be answered from (for the reply simulator). */
  async recipients(broadcastId: string): Promise<QuestionRecipient[]> {
    await this.tick(broadcastId);
    return this.#d.store.recipients(broadcastId);
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
