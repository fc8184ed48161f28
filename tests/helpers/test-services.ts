import { join } from 'node:path';
import { hashPassword } from '../../src/server/auth/password.ts';
import type { User } from '../../src/server/auth/user-store.ts';
import { fileScriptSource } from '../../src/server/broadcast/file-script-source.ts';
import { manualClock } from '../../src/server/clock.ts';
import { createServices, type Services } from '../../src/server/services.ts';
import type { DatabaseLocation } from '../../src/server/store/database.ts';
import { projectRoot } from './hub-server.ts';

export type TestServices = Services & { clock: ReturnType<typeof manualClock> };

/**
 * Services on a private in-memory SQLite database (the real SQL), or on `database` (a
 * PostgreSQL test cluster), with the demo scripts and a manual clock. Keys are made in
 * memory, or kept in `keyDir` (processes that share a store share that folder's key).
 */
export async function testServices(
  database: DatabaseLocation = { sqlite: ':memory:' },
  keyDir: string | null = null,
): Promise<TestServices> {
  const clock = manualClock(new Date('2026-11-23T09:00:00Z'));
  const services = await createServices({
    database,
    keyDir,
    clock,
    scripts: fileScriptSource(join(projectRoot, 'content')),
  });
  return { ...services, clock };
}

/** Adds a coordinator with a throwaway password. */
export async function addCoordinator(
  services: Services,
  username: string,
  password = 'correct horse battery staple',
): Promise<User> {
  return services.users.add(username, 'coordinator', await hashPassword(password));
}
