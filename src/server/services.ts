import { AuditLog } from './audit/audit-log.ts';
import { LoginService } from './auth/login.ts';
import { SessionStore } from './auth/sessions.ts';
import { UserStore } from './auth/users.ts';
import { BroadcastService } from './broadcast/broadcast-service.ts';
import { BroadcastStore } from './broadcast/broadcast-store.ts';
import type { ScriptSource } from './broadcast/script-source.ts';
import { contentDir } from '../catalog/content-dir.ts';
import { fileScriptSource } from './broadcast/file-script-source.ts';
import { systemClock, type Clock } from './clock.ts';
import type { ServerConfig } from './config.ts';
import { OutboxStore } from './outbox/outbox-store.ts';
import { openDatabase, type Database } from './store/database.ts';
import { SubscriberStore } from './subscribers/subscriber-store.ts';

/** Everything the server-side code works with, wired once per process. */
export interface Services {
  db: Database;
  clock: Clock;
  audit: AuditLog;
  users: UserStore;
  sessions: SessionStore;
  login: LoginService;
  subscribers: SubscriberStore;
  outbox: OutboxStore;
  broadcasts: BroadcastStore;
  broadcastService: BroadcastService;
}

/** The event a publish raises on `process`, so an outbox worker in this process wakes up. */
export const OUTBOX_EVENT = 'baken:outbox';

/** Tells an outbox worker in this process that new rows are due. */
export function wakeOutbox(): void {
  (process as NodeJS.EventEmitter).emit(OUTBOX_EVENT);
}

export function createServices(options: { databasePath: string; clock: Clock; scripts: ScriptSource }): Services {
  const db = openDatabase(options.databasePath);
  const { clock } = options;
  const audit = new AuditLog(db, clock);
  const users = new UserStore(db, clock);
  const sessions = new SessionStore(db, clock);
  const subscribers = new SubscriberStore(db, clock);
  const outbox = new OutboxStore(db);
  const broadcasts = new BroadcastStore(db);
  return {
    db,
    clock,
    audit,
    users,
    sessions,
    login: new LoginService({ db, clock, users, sessions, audit }),
    subscribers,
    outbox,
    broadcasts,
    broadcastService: new BroadcastService({
      db,
      clock,
      audit,
      broadcasts,
      outbox,
      subscribers,
      scripts: options.scripts,
      onPublished: wakeOutbox,
    }),
  };
}

/** Services for a process outside Astro (server start-up, workers, the CLI): scripts come from the content folder. */
export function createProcessServices(config: Pick<ServerConfig, 'databasePath'>): Services {
  return createServices({ databasePath: config.databasePath, clock: systemClock, scripts: fileScriptSource(contentDir()) });
}
