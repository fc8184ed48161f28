import type { QuestionRecipient, StoredQuestion, StoredReply } from './reply-store.ts';

/** What one person asked answered last, for the console's "who answered what". */
export interface PersonAnswer {
  subscriberId: number;
  name: string;
  pool: string;
  /** An answer's keyword, `unclear`, or null for no answer (yet). */
  answer: string | null;
  /** The text they sent last, as they sent it. */
  text: string | null;
  at: number | null;
  /** Chosen: among the first `needed` who said yes. Reserve: said yes after that. */
  role: 'chosen' | 'reserve' | null;
}

/** Where the escalation over the pools stands. */
export type EscalationState = 'not-asked' | 'asking' | 'enough' | 'pools-exhausted' | 'confirmed';

export interface Tally {
  /** Per keyword, `unclear` and `none` (asked, no answer yet); replies of people not asked are not counted. */
  replies: Record<string, number>;
  /** The same counts per pool, in escalation order. */
  pools: Array<{ name: string; asked: number; called: boolean; replies: Record<string, number> }>;
  people: PersonAnswer[];
  yes: number;
  needed: number | null;
  state: EscalationState;
  /** When the next pool is asked if the need is not met by then (ms since the epoch); null when no escalation waits. */
  nextEscalationAt: number | null;
}

/** Whether the last pool asked had its set time to answer (without an escalation time, it has as long as the question is open). */
function lastPoolTimedOut(question: StoredQuestion, now: number): boolean {
  return (
    question.escalateAfterMs !== null &&
    question.lastCalledAt !== null &&
    now >= question.lastCalledAt + question.escalateAfterMs
  );
}

/** The keyword of a call-up's yes answer, if it has one. */
export function yesKeyword(question: StoredQuestion): string | undefined {
  return question.question.answers.find((answer) => answer.means === 'yes')?.keyword;
}

/**
 * Counts the answers of the people asked: each person's latest answer counts (a STOP does not
 * change it). The first `needed` people whose answer is yes, in the order their yes came in,
 * are chosen; later yeses are the reserve. All pools are exhausted when the last one asked had
 * its set time too and the need is still not met.
 */
export function tallyReplies(
  question: StoredQuestion,
  recipients: QuestionRecipient[],
  replies: StoredReply[],
  now: number,
): Tally {
  const keywords = question.question.answers.map((answer) => answer.keyword);
  const empty = () => Object.fromEntries([...keywords, 'unclear', 'none'].map((k) => [k, 0])) as Record<string, number>;
  const latest = new Map<number, StoredReply>();
  for (const reply of replies) {
    if (reply.subscriberId === null || reply.answer === 'stop') continue;
    latest.set(reply.subscriberId, reply);
  }
  const yes = yesKeyword(question);
  const yesOrder = [...latest.values()]
    .filter((reply) => yes !== undefined && reply.answer === yes)
    .sort((a, b) => a.id - b.id)
    .map((reply) => reply.subscriberId);
  const asked = new Set(recipients.map((r) => r.subscriberId));
  const counted = yesOrder.filter((id): id is number => id !== null && asked.has(id));
  const chosen = new Set(question.needed === null ? [] : counted.slice(0, question.needed));

  const total = empty();
  const perPool = new Map(question.pools.map((name) => [name, { asked: 0, replies: empty() }]));
  const people = recipients.map((recipient): PersonAnswer => {
    const reply = latest.get(recipient.subscriberId);
    const key = reply ? (keywords.includes(reply.answer) ? reply.answer : 'unclear') : 'none';
    total[key] = (total[key] ?? 0) + 1;
    const pool = perPool.get(recipient.pool);
    if (pool) {
      pool.asked += 1;
      pool.replies[key] = (pool.replies[key] ?? 0) + 1;
    }
    const isYes = reply !== undefined && reply.answer === yes;
    return {
      subscriberId: recipient.subscriberId,
      name: recipient.name,
      pool: recipient.pool,
      answer: reply ? key : null,
      text: reply?.body ?? null,
      at: reply?.receivedAt ?? null,
      role: isYes && question.needed !== null ? (chosen.has(recipient.subscriberId) ? 'chosen' : 'reserve') : null,
    };
  });

  const enough = question.needed !== null && counted.length >= question.needed;
  const state: EscalationState =
    question.confirmedAt !== null
      ? 'confirmed'
      : question.poolsCalled === 0
        ? 'not-asked'
        : enough || question.enoughAt !== null
          ? 'enough'
          : question.needed !== null && question.poolsCalled >= question.pools.length && lastPoolTimedOut(question, now)
            ? 'pools-exhausted'
            : 'asking';
  const nextEscalationAt =
    state === 'asking' &&
    question.needed !== null &&
    question.escalateAfterMs !== null &&
    question.lastCalledAt !== null &&
    question.poolsCalled < question.pools.length
      ? question.lastCalledAt + question.escalateAfterMs
      : null;
  return {
    replies: total,
    pools: question.pools.map((name, index) => ({
      name,
      called: index < question.poolsCalled,
      asked: perPool.get(name)?.asked ?? 0,
      replies: perPool.get(name)?.replies ?? empty(),
    })),
    people,
    yes: counted.length,
    needed: question.needed,
    state,
    nextEscalationAt,
  };
}
