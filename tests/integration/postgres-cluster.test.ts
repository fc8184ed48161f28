import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatabaseUrlError, openPostgres, type PostgresConnection } from '../../src/server/store/postgres-connection.ts';
import { type RunningPostgres, startPostgres } from '../helpers/postgres.ts';

describe('a throw-away PostgreSQL cluster', () => {
  let cluster: RunningPostgres;
  let connection: PostgresConnection;

  beforeAll(async () => {
    cluster = await startPostgres();
    connection = openPostgres(cluster.url, { maxConnections: 4 });
  });

  afterAll(async () => {
    await connection?.close();
    await cluster?.stop();
  });

  it('runs queries through the pool, as a user other than root, listening on 127.0.0.1 only', async () => {
    const { rows } = await connection.pool.query<{ sum: number; db: string; listen: string; fsync: string }>(
      "SELECT $1::int + $2::int AS sum, current_database() AS db, current_setting('listen_addresses') AS listen, current_setting('fsync') AS fsync",
      [20, 22],
    );
    expect(rows[0]).toEqual({ sum: 42, db: 'baken_test', listen: '127.0.0.1', fsync: 'off' });
    expect(new URL(cluster.url).hostname).toBe('127.0.0.1');
    // PostgreSQL refuses root, so the data folder must belong to someone else when we are root.
    if (process.getuid?.() === 0) expect(statSync(join(cluster.folder, 'data')).uid).not.toBe(0);
  });

  it('refuses a login without the random password', async () => {
    const url = new URL(cluster.url);
    url.password = 'wrong';
    const other = openPostgres(url.href, { maxConnections: 1 });
    try {
      await expect(other.pool.query('SELECT 1')).rejects.toMatchObject({ code: '28P01' });
    } finally {
      await other.close();
    }
  });

  it('wakes a listening connection when another connection sends NOTIFY', async () => {
    const listener: pg.PoolClient = await connection.pool.connect();
    try {
      const received: string[] = [];
      const woken = new Promise<void>((resolve) => {
        listener.on('notification', (message) => {
          received.push(message.payload ?? '');
          if (received.length === 2) resolve();
        });
      });
      await listener.query('LISTEN baken_outbox');
      // A NOTIFY inside a transaction is delivered only at commit, after the rows it announces.
      const sender = await connection.pool.connect();
      try {
        await sender.query('BEGIN');
        await sender.query("SELECT pg_notify('baken_outbox', 'email')");
        await new Promise((resolve) => setTimeout(resolve, 200));
        expect(received).toEqual([]);
        await sender.query('COMMIT');
        await sender.query("NOTIFY baken_outbox, 'sms'");
      } finally {
        sender.release();
      }
      await woken;
      expect(received).toEqual(['email', 'sms']);
      await listener.query('UNLISTEN *');
    } finally {
      listener.release();
    }
  });

  it('refuses a database URL that is not PostgreSQL, in Dutch and without echoing it', () => {
    for (const url of ['sqlite:data/baken.db', 'niet-een-url', 'postgres://geheim@server']) {
      let error: unknown;
      try {
        openPostgres(url);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(DatabaseUrlError);
      expect((error as Error).message).toContain('BAKEN_DATABASE_URL klopt niet');
      expect((error as Error).message).not.toContain('geheim');
    }
  });
});

describe('stopping the cluster', () => {
  it('stops the server and deletes its folder, also when called twice', async () => {
    const cluster = await startPostgres();
    const connection = openPostgres(cluster.url, { maxConnections: 1 });
    await connection.pool.query('CREATE TABLE t (id int)');
    await connection.close();
    await cluster.stop();
    await cluster.stop();
    expect(existsSync(cluster.folder)).toBe(false);
    const after = openPostgres(cluster.url, { maxConnections: 1 });
    try {
      await expect(after.pool.query('SELECT 1')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    } finally {
      await after.close();
    }
  });
});
