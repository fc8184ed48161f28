import { z } from 'zod';
import { type ScriptQuestion, scriptQuestionSchema } from '../../schemas/question.ts';
import { countRow, flag, integer, jsonText, nullableInteger, nullableText, text } from '../store/columns.ts';
import type { Sql } from '../store/sql.ts';

/** Where a reply came in: a gateway, the personal reply page, or the exercise simulator. */
export const REPLY_SOURCES = ['kannel', 'gammu', 'http', 'web', 'simulator'] as const;
export type ReplySource = (typeof REPLY_SOURCES)[number];

/** What a reply was read as: an answer's keyword, `unclear`, or `stop`. */
export type ReplyAnswer = string;

const questionRow = z.object({
  broadcast_id: text,
  kind: z.enum(['call-up', 'roll-call']),
  script: jsonText(scriptQuestionSchema),
  needed: nullableInteger,
  pools: jsonText(z.array(z.string())),
  escalate_after_ms: nullableInteger,
  pools_called: integer,
  last_called_at: nullableInteger,
  closes_at: nullableInteger,
  enough_at: nullableInteger,
  confirmed_at: nullableInteger,
  confirmed_by: nullableText,
  training: flag,
});

/** The question a broadcast asks, and where its escalation stands. Times in ms since the epoch. */
export interface StoredQuestion {
  broadcastId: string;
  question: ScriptQuestion;
  /** How many yeses a call-up needs; null for a roll-call. */
  needed: number | null;
  /** Subscriber lists in escalation order. */
  pools: string[];
  /** After how long without enough yeses the next pool is asked; null: never. */
  escalateAfterMs: number | null;
  /** How many pools have been asked so far (0 until the broadcast is published). */
  poolsCalled: number;
  lastCalledAt: number | null;
  /** After this, replies are no longer matched to the question. */
  closesAt: number | null;
  /** When enough people said yes; later yeses go on the reserve list. */
  enoughAt: number | null;
  confirmedAt: number | null;
  confirmedBy: string | null;
  training: boolean;
}

function toQuestion(row: z.infer<typeof questionRow>): StoredQuestion {
  return {
    broadcastId: row.broadcast_id,
    question: row.script,
    needed: row.needed,
    pools: row.pools,
    escalateAfterMs: row.escalate_after_ms,
    poolsCalled: row.pools_called,
    lastCalledAt: row.last_called_at,
    closesAt: row.closes_at,
    enoughAt: row.enough_at,
    confirmedAt: row.confirmed_at,
    confirmedBy: row.confirmed_by,
    training: row.training,
  };
}

/** A person a question was sent to. */
export interface QuestionRecipient {
  broadcastId: string;
  subscriberId: number;
  name: string;
  pool: string;
  poolIndex: number;
  phone: string | null;
  email: string | null;
  askedAt: number;
}

const recipientRow = z
  .object({
    broadcast_id: text,
    subscriber_id: integer,
    name: text,
    pool: text,
    pool_index: integer,
    phone: nullableText,
    email: nullableText,
    asked_at: integer,
  })
  .transform(
    (r): QuestionRecipient => ({
      broadcastId: r.broadcast_id,
      subscriberId: r.subscriber_id,
      name: r.name,
      pool: r.pool,
      poolIndex: r.pool_index,
      phone: r.phone,
      email: r.email,
      askedAt: r.asked_at,
    }),
  );

/** One reply as stored. */
export interface StoredReply {
  id: number;
  broadcastId: string | null;
  subscriberId: number | null;
  source: ReplySource;
  sender: string;
  body: string;
  answer: ReplyAnswer;
  /** Which automatic reply it got: an answer's keyword, `enough`, `unclear`, `stop`, or null for none. */
  autoReply: string | null;
  training: boolean;
  receivedAt: number;
}

const replyRow = z
  .object({
    id: integer,
    broadcast_id: nullableText,
    subscriber_id: nullableInteger,
    source: z.enum(REPLY_SOURCES),
    sender: text,
    body: text,
    answer: text,
    auto_reply: nullableText,
    training: flag,
    received_at: integer,
  })
  .transform(
    (r): StoredReply => ({
      id: r.id,
      broadcastId: r.broadcast_id,
      subscriberId: r.subscriber_id,
      source: r.source,
      sender: r.sender,
      body: r.body,
      answer: r.answer,
      autoReply: r.auto_reply,
      training: r.training,
      receivedAt: r.received_at,
    }),
  );

const idRow = z.object({ id: integer });

/** Questions, who was asked, and the replies, behind the asynchronous Sql door. */
export class ReplyStore {
  readonly #sql: Sql;

  constructor(sql: Sql) {
    this.#sql = sql;
  }

  /** Runs `work` atomically (see Sql.transaction). */
  transaction<T>(work: () => Promise<T>): Promise<T> {
    return this.#sql.transaction(work);
  }

  async insertQuestion(
    q: Pick<StoredQuestion, 'broadcastId' | 'question' | 'needed' | 'pools' | 'escalateAfterMs' | 'training'>,
  ): Promise<void> {
    await this.#sql.run(
      `INSERT INTO questions (broadcast_id, kind, script, needed, pools, escalate_after_ms, training)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (broadcast_id) DO UPDATE SET kind = $2, script = $3, needed = $4, pools = $5, escalate_after_ms = $6, training = $7`,
      [
        q.broadcastId,
        q.question.kind,
        JSON.stringify(q.question),
        q.needed,
        JSON.stringify(q.pools),
        q.escalateAfterMs,
        q.training ? 1 : 0,
      ],
    );
  }

  async question(broadcastId: string): Promise<StoredQuestion | undefined> {
    const row = await this.#sql.get(questionRow, 'SELECT * FROM questions WHERE broadcast_id = $1', [broadcastId]);
    return row && toQuestion(row);
  }

  /** Questions whose broadcast is published but whose first pool was not asked yet. */
  async publishedUncalled(): Promise<StoredQuestion[]> {
    const rows = await this.#sql.all(
      questionRow,
      `SELECT q.* FROM questions q JOIN broadcasts b ON b.id = q.broadcast_id
       WHERE q.pools_called = 0 AND b.status = 'published' ORDER BY q.broadcast_id`,
    );
    return rows.map(toQuestion);
  }

  /** Open call-ups that may escalate: asked, not enough yet, with an escalation time. */
  async escalating(now: number): Promise<StoredQuestion[]> {
    const rows = await this.#sql.all(
      questionRow,
      `SELECT * FROM questions WHERE pools_called > 0 AND enough_at IS NULL AND escalate_after_ms IS NOT NULL
         AND (closes_at IS NULL OR closes_at > $1) ORDER BY broadcast_id`,
      [now],
    );
    return rows.map(toQuestion);
  }

  /**
   * Records that pool number `called` (counting from 1) was asked at `at`; only when the
   * question still stands at `called - 1`, so two workers never ask the same pool twice.
   */
  async markCalled(broadcastId: string, called: number, at: number, closesAt: number | null): Promise<boolean> {
    const changed = await this.#sql.run(
      `UPDATE questions SET pools_called = $2, last_called_at = $3, closes_at = COALESCE(closes_at, $4)
       WHERE broadcast_id = $1 AND pools_called = $5`,
      [broadcastId, called, at, closesAt, called - 1],
    );
    return changed > 0;
  }

  /** Marks the moment enough people said yes; only the first time counts. */
  async markEnough(broadcastId: string, at: number): Promise<boolean> {
    return (
      (await this.#sql.run('UPDATE questions SET enough_at = $2 WHERE broadcast_id = $1 AND enough_at IS NULL', [
        broadcastId,
        at,
      ])) > 0
    );
  }

  /** Marks that the coordinator confirmed the chosen people; only once. */
  async markConfirmed(broadcastId: string, at: number, by: string): Promise<boolean> {
    return (
      (await this.#sql.run(
        'UPDATE questions SET confirmed_at = $2, confirmed_by = $3 WHERE broadcast_id = $1 AND confirmed_at IS NULL',
        [broadcastId, at, by],
      )) > 0
    );
  }

  /** Adds the people asked; someone already asked (in an earlier pool) is kept as they were. */
  async addRecipients(rows: QuestionRecipient[]): Promise<number> {
    let added = 0;
    for (const r of rows) {
      added += await this.#sql.run(
        `INSERT INTO question_recipients (broadcast_id, subscriber_id, name, pool, pool_index, phone, email, asked_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (broadcast_id, subscriber_id) DO NOTHING`,
        [r.broadcastId, r.subscriberId, r.name, r.pool, r.poolIndex, r.phone, r.email, r.askedAt],
      );
    }
    return added;
  }

  async recipients(broadcastId: string): Promise<QuestionRecipient[]> {
    return this.#sql.all(
      recipientRow,
      'SELECT * FROM question_recipients WHERE broadcast_id = $1 ORDER BY pool_index, name, subscriber_id',
      [broadcastId],
    );
  }

  async recipient(broadcastId: string, subscriberId: number): Promise<QuestionRecipient | undefined> {
    return this.#sql.get(
      recipientRow,
      'SELECT * FROM question_recipients WHERE broadcast_id = $1 AND subscriber_id = $2',
      [broadcastId, subscriberId],
    );
  }

  /**
   * The latest open question (live or exercise) asked of this phone number or email address:
   * the one a reply from it answers.
   */
  async latestOpenFor(
    column: 'phone' | 'email',
    address: string,
    training: boolean,
    now: number,
  ): Promise<QuestionRecipient | undefined> {
    return this.#sql.get(
      recipientRow,
      `SELECT r.* FROM question_recipients r JOIN questions q ON q.broadcast_id = r.broadcast_id
       WHERE r.${column} = $1 AND q.training = $2 AND (q.closes_at IS NULL OR q.closes_at > $3)
       ORDER BY r.asked_at DESC, r.broadcast_id DESC LIMIT 1`,
      [address, training ? 1 : 0, now],
    );
  }

  async insertReply(r: Omit<StoredReply, 'id'>): Promise<number> {
    const row = await this.#sql.get(
      idRow,
      `INSERT INTO replies (broadcast_id, subscriber_id, source, sender, body, answer, auto_reply, training, received_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [
        r.broadcastId,
        r.subscriberId,
        r.source,
        r.sender,
        r.body,
        r.answer,
        r.autoReply,
        r.training ? 1 : 0,
        r.receivedAt,
      ],
    );
    return row?.id ?? 0;
  }

  /** Every reply to a question, oldest first. */
  async replies(broadcastId: string): Promise<StoredReply[]> {
    return this.#sql.all(replyRow, 'SELECT * FROM replies WHERE broadcast_id = $1 ORDER BY id', [broadcastId]);
  }

  /** Replies that matched no question (unknown numbers, nothing open), newest first. */
  async unmatched(limit: number): Promise<StoredReply[]> {
    return this.#sql.all(replyRow, 'SELECT * FROM replies WHERE broadcast_id IS NULL ORDER BY id DESC LIMIT $1', [
      limit,
    ]);
  }

  /** Deletes replies that matched no question, received before `before`: what strangers sent is not kept for long. */
  async pruneUnmatched(before: number): Promise<number> {
    return this.#sql.run('DELETE FROM replies WHERE broadcast_id IS NULL AND received_at < $1', [before]);
  }

  /** How many replies came from `sender` since `since`: the per-number rate limit. */
  async countFrom(sender: string, since: number): Promise<number> {
    const row = await this.#sql.get(
      countRow,
      'SELECT COUNT(*) AS n FROM replies WHERE sender = $1 AND received_at >= $2',
      [sender, since],
    );
    return row?.n ?? 0;
  }

  /** Whether a broadcast (an internal one for automatic replies included) exists with this id. */
  async hasBroadcast(id: string): Promise<boolean> {
    return (await this.#sql.get(countRow, 'SELECT COUNT(*) AS n FROM broadcasts WHERE id = $1', [id]))?.n === 1;
  }

  /** How many replies came in at all since `since`: the global limit on what strangers can store. */
  async countSince(since: number): Promise<number> {
    const row = await this.#sql.get(countRow, 'SELECT COUNT(*) AS n FROM replies WHERE received_at >= $1', [since]);
    return row?.n ?? 0;
  }
}
