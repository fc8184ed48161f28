import { dirname } from 'node:path';
import { contentDir } from '../catalog/content-dir.ts';
import { fileAuditAnchor, memoryAuditAnchor } from './audit/audit-anchor.ts';
import { AuditLog } from './audit/audit-log-store.ts';
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
import { type Clock, systemClock } from './clock.ts';
import type { ServerConfig } from './config.ts';
import { gitContentRepository } from './lines/content-repository.ts';
import { sendExpiryReminders } from './lines/expiry-reminders.ts';
import { systemGit } from './lines/git.ts';
import { fileLineCatalog } from './lines/line-catalog-fs.ts';
import { LineOwnerStore } from './lines/line-owner-store.ts';
import { LineProposalStore } from './lines/line-proposal-store.ts';
import { LineService } from './lines/line-service.ts';
import { OutboxStore } from './outbox/outbox-store.ts';
import { loadSecretKeys, memorySecretKeys, type SecretKeys } from './secrets/secret-key.ts';
import { ConsoleSettingsStore } from './settings/console-settings-store.ts';
import { type Database, openDatabase } from './store/database.ts';
import type { Sql } from './store/sql.ts';
import { sqliteSql } from './store/sqlite-sql.ts';
import { type UnitOfWork, unitOfWork } from './store/unit-of-work.ts';
import { ConfirmationStore } from './subscribers/confirmation-store.ts';
import { PersonalTokens } from './subscribers/personal-token.ts';
import { RateEventStore } from './subscribers/rate-event-store.ts';
import { SubscriberStore } from './subscribers/subscriber-store.ts';

/** Everything the server-side code works with, wired once per process. */
export interface Services {
  db: Database;
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
  /** The asynchronous door to the same database (issue 12); the new stores use it. */
  sql: Sql;
  /** The sectors editors speak for. */
  userSectors: UserSectorStore;
  /** Agreeing the lines: proposals, sign-offs, publishing. */
  lines: LineService;
  /** Per sector, the subscriber list that owns its lines (expiry reminders). */
  lineOwners: LineOwnerStore;
  /** Sends the reminders that are due for lines about to expire; returns how many. */
  sendExpiryReminders: () => Promise<number>;
}

/** The event a publish raises on `process`, so an outbox worker in this process wakes up. */
export const OUTBOX_EVENT = 'baken:outbox';

/** Tells an outbox worker in this process that new rows are due. */
export function wakeOutbox(): void {
  (process as NodeJS.EventEmitter).emit(OUTBOX_EVENT);
}

export function createServices(options: {
  databasePath: string;
  clock: Clock;
  scripts: ScriptSource;
  broadcastValidityMs?: number;
  /** The content folder whose lines editors agree (default: BAKEN_CONTENT_DIR or ./content). */
  contentDir?: string;
  /** Asks for the site to be rebuilt after a line is published (the web process passes its rebuilder). */
  rebuildSite?: () => void;
}): Services {
  const db = openDatabase(options.databasePath);
  const { clock } = options;
  const keys = options.databasePath === ':memory:' ? memorySecretKeys() : loadSecretKeys(dirname(options.databasePath));
  const personalTokens = new PersonalTokens(keys.links);
  const audit = new AuditLog(db, clock, {
    key: keys.audit,
    anchor: options.databasePath === ':memory:' ? memoryAuditAnchor() : fileAuditAnchor(dirname(options.databasePath)),
  });
  const users = new UserStore(db, clock);
  const sessions = new SessionStore(db, clock);
  const passkeys = new PasskeyService(new PasskeyStore(db, clock), clock);
  const subscribers = new SubscriberStore(db, clock);
  const outbox = new OutboxStore(db, (id) => personalTokens.sign(id));
  const broadcasts = new BroadcastStore(db);
  const settings = new ConsoleSettingsStore(db);
  const atomically = unitOfWork(db);
  const sql = sqliteSql(db);
  const userSectors = new UserSectorStore(sql);
  const lineContentDir = options.contentDir ?? contentDir();
  const lineCatalog = fileLineCatalog(lineContentDir);
  const proposals = new LineProposalStore(sql);
  const lineOwners = new LineOwnerStore(sql);
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
  return {
    db,
    atomically,
    clock,
    audit,
    users,
    sessions,
    login: new LoginService({ clock, users, attempts: new LoginAttemptStore(db, clock), sessions, audit, passkeys }),
    passkeys,
    subscribers,
    outbox,
    broadcasts,
    settings,
    broadcastService,
    keys,
    personalTokens,
    confirmations: new ConfirmationStore(db),
    rateEvents: new RateEventStore(db),
    sql,
    userSectors,
    lines: new LineService({
      sql,
      clock,
      audit,
      proposals,
      userSectors,
      catalog: lineCatalog,
      repository: gitContentRepository(lineContentDir, systemGit),
      rebuild: options.rebuildSite ?? (() => undefined),
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
}

/** Services for a process outside Astro (server start-up, workers, the CLI): scripts come from the content folder. */
export function createProcessServices(
  config: Pick<ServerConfig, 'databasePath'>,
  broadcastValidityMs?: number,
): Services {
  return createServices({
    databasePath: config.databasePath,
    clock: systemClock,
    scripts: fileScriptSource(contentDir()),
    ...(broadcastValidityMs !== undefined && { broadcastValidityMs }),
  });
}
