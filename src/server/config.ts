import { resolve } from 'node:path';
import { z } from 'zod';
import { BakenError } from '../errors/baken-error.ts';
import { isAddressOrRange } from './http/client-address.ts';
import { presentEnv } from './present-env.ts';
import type { DatabaseLocation } from './store/database-location.ts';
import { urlHost } from './url-host.ts';

const portSchema = z.coerce.number().int().min(0).max(65535);

/** Environment variables the server reads, with their defaults. */
const envSchema = z.object({
  /** Address to listen on. */
  HOST: z.string().min(1).default('127.0.0.1'),
  /** Port to listen on. */
  PORT: portSchema.default(4321),
  /** Folder for run-time data (database, mail and SMS spools). */
  BAKEN_DATA_DIR: z.string().min(1).default('data'),
  /** Folder holding the build output (`client/` and `server/`). */
  BAKEN_DIST_DIR: z.string().min(1).default('dist'),
  /** Public address of the hub, for links in emails, feeds and CAP (default: http://HOST:PORT). */
  BAKEN_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** Connections the server holds open at once; more are refused, so a flood cannot exhaust memory or file handles. */
  BAKEN_MAX_CONNECTIONS: z.coerce.number().int().min(10).max(100_000).default(1000),
  /** Reverse proxies (addresses or CIDR ranges, comma-separated) whose X-Forwarded-For is believed. */
  BAKEN_TRUSTED_PROXIES: z
    .string()
    .transform((value) =>
      value
        .split(',')
        .map((entry) => entry.trim())
        .filter(Boolean),
    )
    .refine(
      (entries) => entries.every(isAddressOrRange),
      "geef IP-adressen of CIDR-reeksen, gescheiden door komma's (bijvoorbeeld 127.0.0.1,10.0.0.0/8)",
    )
    .optional(),
  /**
   * PostgreSQL as the shared store of several web processes and workers (postgres://…);
   * without it Baken keeps everything in one SQLite file in BAKEN_DATA_DIR.
   */
  BAKEN_DATABASE_URL: z
    .string()
    .refine(
      (value) => /^postgres(ql)?:\/\/./.test(value),
      'gebruik de vorm postgres://gebruiker:wachtwoord@server:5432/database',
    )
    .optional(),
  /** Most PostgreSQL connections one process opens at once. */
  BAKEN_DATABASE_MAX_CONNECTIONS: z.coerce.number().int().min(2).max(200).default(10),
  /** How long a process waits at start for PostgreSQL to answer (a restart, a boot) before it gives up. */
  BAKEN_DATABASE_WAIT_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
  /** Name of the sending organisation, in emails, feeds and CAP (default: the host name of BAKEN_PUBLIC_URL). */
  BAKEN_ORG_NAME: z.string().trim().min(1).max(100).optional(),
});

export interface ServerConfig {
  host: string;
  port: number;
  dataDir: string;
  distDir: string;
  publicUrl: string;
  /** Reverse proxies whose X-Forwarded-For is believed; empty: none. */
  trustedProxies: string[];
  /** The organisation that sends the messages, as people know it. */
  orgName: string;
  /** SQLite database file (used when there is no PostgreSQL URL). */
  databasePath: string;
  /** Where the store lives: the SQLite file, or PostgreSQL from BAKEN_DATABASE_URL. */
  database: DatabaseLocation;
  /** Most PostgreSQL connections this process opens. */
  databaseMaxConnections: number;
  /** How long to wait for PostgreSQL at start (ms). */
  databaseWaitMs: number;
  maxConnections: number;
}

export class ConfigError extends BakenError {
  constructor(problems: string[]) {
    super('config-invalid', `De instellingen kloppen niet:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
}

/** Reads and checks the configuration once at start-up; lists every bad key at once. */
export function loadConfig(env: Record<string, string | undefined>, projectRoot: string): ServerConfig {
  const present = presentEnv(env);
  const result = envSchema.safeParse(present);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) =>
        // The database URL usually holds a password: never echo it.
        issue.path[0] === 'BAKEN_DATABASE_URL'
          ? `${issue.path.join('.')}: ${issue.message}`
          : `${issue.path.join('.')}: ${issue.message} (nu: ${JSON.stringify(present[String(issue.path[0])])})`,
      ),
    );
  }
  const values = result.data;
  const dataDir = resolve(projectRoot, values.BAKEN_DATA_DIR);
  const host = urlHost(values.HOST);
  const publicUrl = (
    values.BAKEN_PUBLIC_URL ?? `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${values.PORT}`
  ).replace(/\/$/, '');
  return {
    host: values.HOST,
    port: values.PORT,
    dataDir,
    distDir: resolve(projectRoot, values.BAKEN_DIST_DIR),
    publicUrl,
    trustedProxies: values.BAKEN_TRUSTED_PROXIES ?? [],
    orgName: values.BAKEN_ORG_NAME ?? new URL(publicUrl).hostname,
    databasePath: resolve(dataDir, 'baken.sqlite'),
    database: values.BAKEN_DATABASE_URL
      ? { postgres: values.BAKEN_DATABASE_URL }
      : { sqlite: resolve(dataDir, 'baken.sqlite') },
    databaseMaxConnections: values.BAKEN_DATABASE_MAX_CONNECTIONS,
    databaseWaitMs: values.BAKEN_DATABASE_WAIT_SECONDS * 1000,
    maxConnections: values.BAKEN_MAX_CONNECTIONS,
  };
}
