import { AuditLog } from './audit/audit-log.ts';
import { LoginService } from './auth/login.ts';
import { SessionStore } from './auth/sessions.ts';
import { UserStore } from './auth/users.ts';
import { BroadcastService } from './broadcast/broadcast-service.ts';
import { BroadcastStore } from './broadcast/broadcast-store.ts';
import type { ScriptSource } from './broadcast/script-source.ts';
import type { Clock } from './clock.ts';
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
      onPublished: () => (process as NodeJS.EventEmitter).emit(OUTBOX_EVENT),
    }),
  };
}
