import type { Broadcast, CreateBroadcastInput, UpdateBroadcastInput } from '../../schemas/broadcast.ts';
import type { FieldProblem } from '../../schemas/input-messages.ts';
import type { ScriptQuestion } from '../../schemas/question.ts';
import { MAX_POOLS } from '../../schemas/question-input.ts';
import type { SubscriberChannel } from '../../schemas/subscriber.ts';
import type { AuditLog } from '../audit/audit-log-store.ts';
import type { User } from '../auth/user-store.ts';
import type { BroadcastService } from '../broadcast/broadcast-service.ts';
import type { BroadcastStore } from '../broadcast/broadcast-store.ts';
import { invalid, type Outcome, refuse } from '../broadcast/outcome.ts';
import type { Clock } from '../clock.ts';
import type { NewOutboxRow, OutboxStore } from '../outbox/outbox-store.ts';
import { addressOn, firstChannel } from '../subscribers/pick-channel.ts';
import type { SubscriberStore } from '../subscribers/subscriber-store.ts';
import { queueAutoReply } from './auto-reply.ts';
import type { QuestionRecipient, ReplyStore, StoredQuestion } from './reply-store.ts';
import { type Tally, tallyReplies } from './tally-replies.ts';

/** How long replies are matched to a question after it was published: two days. */
const DEFAULT_OPEN_MS = 48 * 3_600_000;

export interface QuestionServiceDeps {
  store: ReplyStore;
  clock: Clock;
  audit: AuditLog;
  subscribers: SubscriberStore;
  broadcasts: BroadcastStore;
  broadcastService: BroadcastService;
  outbox: OutboxStore;
  /** Wakes a worker in this process after messages were queued. */
  onQueued?: () => void;
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

/** How a draft asks its question: how many are needed, the pools in order, the escalation time. */
interface Asking {
  needed: number | null;
  pools: string[];
  escalateAfterMinutes: number | null;
}

const NO_QUESTION: FieldProblem = {
  field: 'script',
  message: 'Deze lijn stelt geen vraag; needed, pools en escalate_after_minutes horen bij een oproep of appèl.',
};
const QUESTION_NEEDS_NEW_DRAFT: FieldProblem = {
  field: 'script',
  message: 'Een oproep of appèl en een gewoon bericht wisselen niet van lijn. Maak hiervoor een nieuw concept.',
};

const minutesOf = (ms: number | null) => (ms === null ? null : ms / 60_000);
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * Call-ups and roll-calls from the coordinator's side: the question a broadcast asks, the
 * pools asked in turn, the tally and the confirmation of the chosen people.
 */
export class QuestionService {
  readonly #d: QuestionServiceDeps;

  constructor(deps: QuestionServiceDeps) {
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
    if (!question) return asked ? invalid([NO_QUESTION]) : this.#d.broadcastService.create(input, author);
    const pools = input.pools ?? input.lists;
    const asking = { needed: input.needed ?? null, pools, escalateAfterMinutes: input.escalate_after_minutes ?? null };
    const problems = await this.#problems(question, asking);
    if (problems.length > 0) {
      // Report the draft's own problems (fill-in fields, channels) at the same time.
      const draft = await this.#d.broadcastService.preview({ ...input, lists: pools.slice(0, 1) });
      return invalid([...(!draft.ok && 'invalid' in draft ? draft.invalid : []), ...problems]);
    }
    // The broadcast itself goes to the first pool; the next ones are asked by the escalation.
    return this.#d.store.transaction(async () => {
      const created = await this.#d.broadcastService.create({ ...input, lists: pools.slice(0, 1) }, author);
      if (created.ok) await this.#keep(created.value, question, asking);
      return created;
    });
  }

  /**
   * Changes a draft of one's own, as BroadcastService.update does; for a call-up or roll-call
   * also how many are needed, the pools (`lists` alone means the pools too, as at creation)
   * and the escalation time (`null`: do not escalate). A draft cannot switch between a line
   * that asks a question and one that does not: that is a new draft.
   */
  async update(
    id: string,
    patch: UpdateBroadcastInput,
    actor: User & { training?: boolean },
  ): Promise<Outcome<Broadcast>> {
    // Read, check and write in one unit, so two changes at once cannot undo each other's fields.
    return this.#d.store.transaction(() => this.#update(id, patch, actor));
  }

  async #update(
    id: string,
    patch: UpdateBroadcastInput,
    actor: User & { training?: boolean },
  ): Promise<Outcome<Broadcast>> {
    const stored = await this.#d.store.question(id);
    const asked = patch.needed !== undefined || patch.pools !== undefined || patch.escalate_after_minutes !== undefined;
    const next =
      patch.script === undefined ? undefined : (await this.#d.broadcastService.script(patch.script))?.question;
    if (!stored) {
      if (asked) return invalid([NO_QUESTION]);
      if (next) return invalid([QUESTION_NEEDS_NEW_DRAFT]);
      return this.#d.broadcastService.update(id, patch, actor);
    }
    if (patch.script !== undefined && next?.kind !== stored.question.kind) return invalid([QUESTION_NEEDS_NEW_DRAFT]);
    const question = next ?? stored.question;
    const pools = patch.pools ?? patch.lists ?? stored.pools;
    const asking = {
      needed: patch.needed === undefined ? (question.kind === 'call-up' ? stored.needed : null) : patch.needed,
      pools,
      escalateAfterMinutes:
        patch.escalate_after_minutes === undefined ? minutesOf(stored.escalateAfterMs) : patch.escalate_after_minutes,
    };
    const problems = await this.#problems(question, asking);
    if (problems.length > 0) return invalid(problems);
    const { needed: _needed, pools: _pools, escalate_after_minutes: _escalate, ...rest } = patch;
    const updated = await this.#d.broadcastService.update(id, { ...rest, lists: pools.slice(0, 1) }, actor);
    if (updated.ok) await this.#keep(updated.value, question, asking);
    return updated;
  }

  /** What is wrong with how a question is asked, in Dutch per field. */
  async #problems(question: ScriptQuestion, asking: Asking): Promise<FieldProblem[]> {
    const { needed, pools, escalateAfterMinutes } = asking;
    const problems: FieldProblem[] = [];
    if (pools.length === 0)
      problems.push({ field: 'pools', message: 'Kies minstens één pool (lijst) die de vraag krijgt.' });
    if (pools.length > MAX_POOLS) problems.push({ field: 'pools', message: `Kies hoogstens ${MAX_POOLS} pools.` });
    if (question.kind === 'call-up' && needed === null)
      problems.push({ field: 'needed', message: 'Zeg hoeveel mensen u nodig hebt.' });
    if (question.kind === 'roll-call' && needed !== null)
      problems.push({
        field: 'needed',
        message: 'Een appèl vraagt of mensen veilig zijn; het heeft geen aantal nodig.',
      });
    if (escalateAfterMinutes !== null && pools.length < 2)
      problems.push({
        field: 'escalate_after_minutes',
        message: 'Opschalen kan alleen naar een volgende pool; kies er minstens twee.',
      });
    const known = new Set((await this.#d.subscribers.lists()).map((list) => list.name.toLowerCase()));
    for (const pool of pools)
      if (!known.has(pool.toLowerCase()))
        problems.push({ field: 'pools', message: `De lijst "${pool}" bestaat niet.` });
    return problems;
  }

  /** Keeps (or replaces) the question of a draft. */
  async #keep(broadcast: Broadcast, question: ScriptQuestion, asking: Asking): Promise<void> {
    await this.#d.store.insertQuestion({
      broadcastId: broadcast.id,
      question,
      needed: question.kind === 'call-up' ? asking.needed : null,
      pools: asking.pools,
      escalateAfterMs: asking.escalateAfterMinutes === null ? null : Math.round(asking.escalateAfterMinutes * 60_000),
      training: broadcast.training,
    });
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
      escalateAfterMinutes: minutesOf(question.escalateAfterMs),
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
    let asked = await this.askFirstPools(now, only);
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
  async askFirstPools(now: number, only?: string): Promise<number> {
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
      // The first pool is whoever the approval sent the broadcast to (its lists), so the tally
      // counts exactly the people who got the question, even if a draft's lists were edited.
      const lists = index === 0 && broadcast.lists.length > 0 ? broadcast.lists : [pool];
      const members = (await this.#d.subscribers.confirmedMembers(lists)).filter((s) => !already.has(s.id));
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
      if (index > 0) await this.#d.outbox.enqueue(outboxRowsFor(broadcast.id, members, channels), now);
      await this.#d.audit.append({
        actor: 'baken',
        action: index === 0 ? 'question.asked' : 'question.escalated',
        subject: `broadcast:${question.broadcastId}`,
        details: { pool, poolNumber: index + 1, people: added },
      });
      return added;
    });
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
      await queueAutoReply(this.#d, question, 'confirm', outboxRowsFor(broadcastId, people, channels), now);
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
}

/** One outbox row per person, on their first channel of the broadcast. */
export function outboxRowsFor(
  broadcastId: string,
  people: Array<Parameters<typeof firstChannel>[0] & { id: number }>,
  channels: SubscriberChannel[],
): NewOutboxRow[] {
  return people.flatMap((person) => {
    const channel = firstChannel(person, channels);
    const address = channel && addressOn(person, channel);
    return channel && address ? [{ broadcastId, subscriberId: person.id, channel, address }] : [];
  });
}
