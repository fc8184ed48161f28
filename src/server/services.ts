import { dirname } from 'node:path';
import { contentDir } from '../catalog/content-dir.ts';
import { BakenError } from '../errors/baken-error.ts';
import { fileAuditAnchor, memoryAuditAnchor } from './audit/audit-anchor.ts';
import { AuditLog } from './audit/audit-log-store.ts';
import { ChallengeStore } from './auth/challenge-store.ts';
import { LoginService } from './auth/login.ts';
import { LoginAttemptStore } from './auth/login-attempt-store.ts';
import { PasskeyStore } from './auth/passkey-store.ts';
import { PasskeyService } from './auth/passkeys.ts';
import { SessionStore } from './auth/session-store.ts';
import { UserSectorStore } from './auth/user-sector-store.ts';
import { UserStore } from './auth/user-store.ts';
import { BroadcastService } from './broadcast/broadcast-service.ts';
import { BroadcastStore } from './broadcast/broadcast-store.ts';
import { fileScriptSource } from './broadcast/file-script-source.ts';
import type { ScriptSource } from './broadcast/script-source.ts';
import { type Clock, followedClock, systemClock } from './clock.ts';
import type { ServerConfig } from './config.ts';
import { gitContentRepository } from './lines/content-repository.ts';
import { sendExpiryReminders } from './lines/expiry-reminders.ts';
import { systemGit } from './lines/git.ts';
import { fileLineCatalog } from './lines/line-catalog-fs.ts';
import { followPublishedLines } from './lines/line-follower.ts';
import { LineOwnerStore } from './lines/line-owner-store.ts';
import { LineProposalStore } from './lines/line-proposal-store.ts';
import { LineService } from './lines/line-service.ts';
import { OutboxStore } from './outbox/outbox-store.ts';
import { ProviderStateStore } from './outbox/provider-state-store.ts';
import { WorkerHeartbeats } from './outbox/worker-heartbeat-store.ts';
import { keyFingerprint, loadSecretKeys, memorySecretKeys, type SecretKeys } from './secrets/secret-key.ts';
import { ConsoleSettingsStore } from './settings/console-settings-store.ts';
import { type Database, type DatabaseLocation, openDatabase } from './store/database.ts';
import { RetentionStore } from './store/retention-store.ts';
import type { Sql } from './store/sql.ts';
import { type UnitOfWork, unitOfWork } from './store/unit-of-work.ts';
import { ConfirmationStore } from './subscribers/confirmation-store.ts';
import { PersonalTokens } from './subscribers/personal-token.ts';
import { RateEventStore } from './subscribers/rate-event-store.ts';
import { SubscriberStore } from './subscribers/subscriber-store.ts';

/** Everything the server-side code works with, wired once per process. */
export interface Services {
  /** The open store; `database.sqlite` is set for the embedded SQLite store (backups). */
  database: Database;
  /** One atomic unit over several stores, for the services (see store/unit-of-work.ts). */
  atomically: UnitOfWork;
  clock: Clock;
  audit: AuditLog;
  users: UserStore;
  sessions: SessionStore;
  login: LoginService;
  passkeys: PasskeyService;
  subscribers: SubscriberStore;
  outbox: OutboxStore;
  broadcasts: BroadcastStore;
  broadcastService: BroadcastService;
  /** Keys kept in a file beside the database, never in it. */
  keys: SecretKeys;
  personalTokens: PersonalTokens;
  confirmations: ConfirmationStore;
  rateEvents: RateEventStore;
  settings: ConsoleSettingsStore;
  retention: RetentionStore;
  heartbeats: WorkerHeartbeats;
  /** Rate-limit and circuit-breaker state per provider, shared by every worker. */
  providerState: ProviderStateStore;
  /** Tells outbox workers (in every process on this store) that new rows are due. */
  wakeOutbox(): void;
  /** Closes the store after running queries finish. */
  close(): Promise<void>;
  /** The sectors editors speak for. */
  userSectors: UserSectorStore;
  /** Agreeing the lines: proposals, sign-offs, publishing. */
  lines: LineService;
  /**
   * Brings this process's content folder up to the lines agreed through any process of the
   * store (lines/line-follower.ts); returns the slugs it brought in.
   */
  followLines: () => Promise<string[]>;
  /** Per sector, the subscriber list that owns its lines (expiry reminders). */
  lineOwners: LineOwnerStore;
  /** Sends the reminders that are due for lines about to expire; returns how many. */
  sendExpiryReminders: () => Promise<number>;
}

/** The event a publish raises on `process`, so an outbox worker in this process wakes up. */
export const OUTBOX_EVENT = 'baken:outbox';
/** The PostgreSQL channel a publish notifies, so workers in other processes and machines wake up. */
export const OUTBOX_CHANNEL = 'baken_outbox';

export interface ServiceOptions {
  database: DatabaseLocation;
  /** Folder for the secret keys and the audit anchor (next to the SQLite file); none: in memory (tests). */
  keyDir: string | null;
  clock: Clock;
  scripts: ScriptSource;
  broadcastValidityMs?: number | undefined;
  maxConnections?: number | undefined;
  /** How long to wait for PostgreSQL to answer at start (default a minute). */
  databaseWaitMs?: number | undefined;
  /**
   * On PostgreSQL, take the time from the database instead of `clock` (kept as an offset,
   * re-read every 30 s): web processes and workers on several machines then agree on leases,
   * retries and rate limits even when their own clocks drift.
   */
  clockFromDatabase?: boolean | undefined;
  /** The content folder whose lines editors agree (default: BAKEN_CONTENT_DIR or ./content). */
  contentDir?: string | undefined;
  /** Asks for the site to be rebuilt after a line is published (the web process passes its rebuilder). */
  rebuildSite?: (() => void) | undefined;
}

/** Opens the store and wires every store and service on it. */
export async function createServices(options: ServiceOptions): Promise<Services> {
  const database = await openDatabase(options.database, options.clock, {
    ...(options.maxConnections !== undefined && { maxConnections: options.maxConnections }),
    ...(options.databaseWaitMs !== undefined && { waitMs: options.databaseWaitMs }),
  });
  const { sql } = database;
  let clock = options.clock;
  let stopClock = () => {};
  if (options.clockFromDatabase && sql.dialect === 'postgres') {
    const followed = followedClock(() => sql.now());
    await followed.sync();
    clock = followed;
    stopClock = () => followed.stop();
  }
  const services = await wireServices(database, { ...options, clock });
  return {
    ...services,
    close: () => {
      stopClock();
      return services.close();
    },
  };
}

async function wireServices(database: Database, options: ServiceOptions): Promise<Services> {
  const { sql } = database;
  const { clock, keyDir } = options;
  const keys = keyDir === null ? memorySecretKeys() : loadSecretKeys(keyDir);
  const personalTokens = new PersonalTokens(keys.links);
  const audit = new AuditLog(sql, clock, {
    key: keys.audit,
    anchor: keyDir === null ? memoryAuditAnchor() : fileAuditAnchor(keyDir),
    sharedWriters: sql.dialect === 'postgres',
  });
  const users = new UserStore(sql, clock);
  const sessions = new SessionStore(sql, clock);
  const passkeys = new PasskeyService(new PasskeyStore(sql, clock), new ChallengeStore(sql), clock);
  const subscribers = new SubscriberStore(sql, clock);
  const outbox = new OutboxStore(sql, (id) => personalTokens.sign(id));
  const broadcasts = new BroadcastStore(sql);
  const settings = new ConsoleSettingsStore(sql);
  const atomically = unitOfWork(sql);
  const wakeOutbox = outboxWaker(sql);
  const broadcastService = new BroadcastService({
    atomically,
    clock,
    audit,
    broadcasts,
    outbox,
    subscribers,
    scripts: options.scripts,
    settings,
    onPublished: wakeOutbox,
    ...(options.broadcastValidityMs !== undefined && { validityMs: options.broadcastValidityMs }),
  });
  const userSectors = new UserSectorStore(sql);
  const lineContentDir = options.contentDir ?? contentDir();
  const lineCatalog = fileLineCatalog(lineContentDir);
  const proposals = new LineProposalStore(sql);
  const lineOwners = new LineOwnerStore(sql);
  const lineRepository = gitContentRepository(lineContentDir, systemGit);
  const rebuildSite = options.rebuildSite ?? (() => undefined);
  const services: Services = {
    database,
    atomically,
    clock,
    audit,
    users,
    sessions,
    login: new LoginService({ clock, users, attempts: new LoginAttemptStore(sql, clock), sessions, audit, passkeys }),
    passkeys,
    subscribers,
    outbox,
    broadcasts,
    settings,
    broadcastService,
    keys,
    personalTokens,
    confirmations: new ConfirmationStore(sql),
    rateEvents: new RateEventStore(sql),
    retention: new RetentionStore(sql),
    heartbeats: new WorkerHeartbeats(sql),
    providerState: new ProviderStateStore(sql),
    wakeOutbox,
    close: () => sql.close(),
    userSectors,
    lines: new LineService({
      sql,
      clock,
      audit,
      proposals,
      userSectors,
      catalog: lineCatalog,
      repository: lineRepository,
      rebuild: rebuildSite,
    }),
    followLines: () =>
      followPublishedLines({
        latestPublished: () => proposals.latestPublished(),
        catalog: lineCatalog,
        repository: lineRepository,
        rebuild: rebuildSite,
      }),
    lineOwners,
    sendExpiryReminders: () =>
      sendExpiryReminders({
        clock,
        audit,
        catalog: lineCatalog,
        owners: lineOwners,
        proposals,
        send: (texts, lists) => broadcastService.sendNotice(texts, lists, 'baken'),
      }),
  };
  await checkSharedKey(sql, settings, keys, keyDir);
  await audit.adoptUnkeyedLog();
  return services;
}

/** This process's secret.key is not the one the shared store was first used with. */
export class KeyMismatchError extends BakenError {}

/**
 * On a shared store (PostgreSQL) every process must hold the same secret.key: a personal
 * link signed by one web process must open on the next, and every worker signs the same
 * audit chain. The store keeps the key's fingerprint; another key refuses to start.
 */
async function checkSharedKey(
  sql: Sql,
  settings: ConsoleSettingsStore,
  keys: SecretKeys,
  keyDir: string | null,
): Promise<void> {
  if (sql.dialect !== 'postgres') return;
  const mine = keyFingerprint(keys);
  if ((await settings.keyFingerprint(mine)) === mine) return;
  await sql.close();
  throw new KeyMismatchError(
    'secret-key-mismatch',
    `De geheime sleutel${keyDir ? ` in ${keyDir}/secret.key` : ''} hoort niet bij deze database: een andere machine gebruikt de database al met een andere sleutel. Kopieer secret.key van die machine naar deze (zie docs/scale-out.md) en start opnieuw.`,
  );
}

/**
 * Wakes the workers of this process at once (a process event) and those of other processes
 * through the store (PostgreSQL NOTIFY; on SQLite they poll).
 */
function outboxWaker(sql: Sql): () => void {
  return () => {
    (process as NodeJS.EventEmitter).emit(OUTBOX_EVENT);
    sql.notify(OUTBOX_CHANNEL).catch((error: unknown) => {
      // Polling picks the rows up anyway; say why the wake-up went missing.
      console.error(`Baken: verzenders niet gewekt: ${error instanceof Error ? error.message : String(error)}`);
    });
  };
}

/** Services for a process outside the tests (server, workers, the CLI): scripts come from the content folder. */
export function createProcessServices(
  config: Pick<ServerConfig, 'database' | 'dataDir' | 'databaseMaxConnections' | 'databaseWaitMs'>,
  broadcastValidityMs?: number,
  rebuildSite?: () => void,
): Promise<Services> {
  return createServices({
    database: config.database,
    keyDir: 'sqlite' in config.database ? dirname(config.database.sqlite) : config.dataDir,
    clock: systemClock,
    scripts: fileScriptSource(contentDir()),
    broadcastValidityMs,
    maxConnections: config.databaseMaxConnections,
    databaseWaitMs: config.databaseWaitMs,
    clockFromDatabase: true,
    rebuildSite,
  });
}
