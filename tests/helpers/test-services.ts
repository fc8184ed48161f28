import { join } from 'node:path';
import { hashPassword } from '../../src/server/auth/password.ts';
import type { User } from '../../src/server/auth/user-store.ts';
import { fileScriptSource } from '../../src/server/broadcast/file-script-source.ts';
import { manualClock } from '../../src/server/clock.ts';
import { createServices, type Services } from '../../src/server/services.ts';
import { projectRoot } from './hub-server.ts';

/** Services on a private in-memory SQLite database (the real SQL), with the demo scripts and a manual clock. */
export function testServices(): Services & { clock: ReturnType<typeof manualClock> } {
  const clock = manualClock(new Date('2026-11-23T09:00:00Z'));
  const services = createServices({
    databasePath: ':memory:',
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
