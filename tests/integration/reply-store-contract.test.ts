import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type QuestionRecipient, ReplyStore } from '../../src/server/replies/reply-store.ts';
import { repliesMigration } from '../../src/server/store/migrations-replies.ts';
import { openPostgres, type PostgresConnection } from '../../src/server/store/postgres-connection.ts';
import { postgresSql } from '../../src/server/store/postgres-sql.ts';
import type { Sql } from '../../src/server/store/sql.ts';
import { sqliteSql } from '../../src/server/store/sqlite-sql.ts';
import { type RunningPostgres, startPostgres } from '../helpers/postgres.ts';

// The two tables the replies tables point at, cut down to what they need.
const PREREQUISITES = `
  CREATE TABLE broadcasts (id TEXT PRIMARY KEY, status TEXT NOT NULL);
  CREATE TABLE subscribers (id BIGINT PRIMARY KEY);
`;
const question = {
  kind: 'call-up' as const,
  answers: [
    { keyword: 'JA', means: 'yes' as const, aliases: [], button: 'Ja', reply: 'Dank u.' },
    { keyword: 'NEE', means: 'no' as const, aliases: [], button: 'Nee', reply: 'Dank u.' },
  ],
  unclear_reply: 'Stuur JA of NEE.',
  enough_reply: 'Genoeg.',
  confirm: 'Kom.',
};
const recipient = (broadcastId: string, subscriberId: number, askedAt: number): QuestionRecipient => ({
  broadcastId,
  subscriberId,
  name: `R${subscriberId}`,
  pool: 'A',
  poolIndex: 0,
  phone: `+3160000000${subscriberId}`,
  email: null,
  askedAt,
});

let cluster: RunningPostgres;
let postgres: PostgresConnection;
const doors: Array<[string, () => Promise<Sql>]> = [
  [
    'SQLite',
    async () => {
      const db = new DatabaseSync(':memory:');
      db.exec('PRAGMA foreign_keys = ON');
      db.exec(PREREQUISITES + repliesMigration.sql.sqlite);
      return sqliteSql(db);
    },
  ],
  [
    'PostgreSQL',
    async () => {
      await postgres.pool.query(
        'DROP TABLE IF EXISTS replies, question_recipients, questions, subscribers, broadcasts',
      );
      await postgres.pool.query(PREREQUISITES + repliesMigration.sql.postgres);
      return postgresSql(postgres.pool);
    },
  ],
];

beforeAll(async () => {
  cluster = await startPostgres();
  postgres = openPostgres(cluster.url, { maxConnections: 4 });
}, 60_000);
afterAll(async () => {
  await postgres?.close();
  await cluster?.stop();
});

describe.each(doors)('the reply store on %s', (_name, open) => {
  let sql: Sql;
  let store: ReplyStore;
  beforeAll(async () => {
    sql = await open();
    store = new ReplyStore(sql);
    for (const id of ['b1', 'b2']) await sql.run("INSERT INTO broadcasts (id, status) VALUES ($1, 'published')", [id]);
    for (const id of [1, 2, 3]) await sql.run('INSERT INTO subscribers (id) VALUES ($1)', [id]);
  });

  it('keeps a question, replaces it on a second insert, and asks each pool once', async () => {
    const q = { broadcastId: 'b1', question, needed: 2, pools: ['A', 'B'], escalateAfterMs: 60_000, training: false };
    await store.insertQuestion({ ...q, needed: 9 });
    await store.insertQuestion(q);
    expect(await store.question('b1')).toMatchObject({ needed: 2, pools: ['A', 'B'], poolsCalled: 0, training: false });
    expect((await store.publishedUncalled()).map((x) => x.broadcastId)).toEqual(['b1']);
    expect(await store.markCalled('b1', 1, 1_000, 50_000)).toBe(true);
    expect(await store.markCalled('b1', 1, 1_000, 50_000)).toBe(false);
    expect((await store.escalating(2_000)).map((x) => x.broadcastId)).toEqual(['b1']);
    expect(await store.escalating(60_000)).toEqual([]);
  });

  it('adds recipients once and finds the latest open question for a number', async () => {
    await store.insertQuestion({
      broadcastId: 'b2',
      question,
      needed: null,
      pools: ['A'],
      escalateAfterMs: null,
      training: false,
    });
    expect(await store.addRecipients([recipient('b1', 1, 1_000), recipient('b1', 2, 1_000)])).toBe(2);
    expect(await store.addRecipients([recipient('b1', 1, 5_000)])).toBe(0);
    await store.addRecipients([recipient('b2', 1, 3_000)]);
    expect((await store.latestOpenFor('phone', '+31600000001', false, 4_000))?.broadcastId).toBe('b2');
    expect(await store.latestOpenFor('phone', '+31600000001', true, 4_000)).toBeUndefined();
    expect((await store.recipients('b1')).map((r) => r.subscriberId)).toEqual([1, 2]);
  });

  it('stores replies with an id, counts them per sender and in all, and prunes strangers’ ones', async () => {
    const base = { source: 'kannel' as const, body: 'ja', answer: 'JA', autoReply: 'JA', training: false };
    const id = await store.insertReply({
      ...base,
      broadcastId: 'b1',
      subscriberId: 1,
      sender: '+31600000001',
      receivedAt: 10_000,
    });
    expect(id).toBeGreaterThan(0);
    await store.insertReply({
      ...base,
      broadcastId: null,
      subscriberId: null,
      sender: '+31699999999',
      receivedAt: 11_000,
    });
    expect(await store.countFrom('+31600000001', 9_000)).toBe(1);
    expect(await store.countSince(9_000)).toBe(2);
    expect((await store.replies('b1')).map((r) => [r.id, r.answer, r.subscriberId])).toEqual([[id, 'JA', 1]]);
    expect(await store.markEnough('b1', 12_000)).toBe(true);
    expect(await store.markEnough('b1', 13_000)).toBe(false);
    expect(await store.hasBroadcast('b1')).toBe(true);
    expect(await store.hasBroadcast('nope')).toBe(false);
    expect(await store.pruneUnmatched(12_000)).toBe(1);
    expect(await store.unmatched(10)).toEqual([]);
  });

  it('forgets a deleted subscriber’s place and replies', async () => {
    await sql.run('DELETE FROM subscribers WHERE id = $1', [1]);
    expect((await store.recipients('b1')).map((r) => r.subscriberId)).toEqual([2]);
    expect(await store.replies('b1')).toEqual([]);
  });

  it('rolls a transaction back as a whole', async () => {
    await expect(
      store.transaction(async () => {
        await store.markConfirmed('b1', 20_000, 'bram');
        throw new Error('stop');
      }),
    ).rejects.toThrow('stop');
    expect((await store.question('b1'))?.confirmedAt).toBeNull();
    expect(await store.markConfirmed('b1', 20_000, 'bram')).toBe(true);
  });
});
