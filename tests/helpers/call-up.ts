import { join } from 'node:path';
import { hashPassword } from '../../src/server/auth/password.ts';
import { fileScriptSource } from '../../src/server/broadcast/file-script-source.ts';
import { systemClock } from '../../src/server/clock.ts';
import type { QuestionService } from '../../src/server/replies/question-service.ts';
import { createServices, type Services } from '../../src/server/services.ts';
import { projectRoot } from './hub-server.ts';

/** Services on the SQLite file of `dataDir` (shared with a hub or the CLI there), with the demo lines and the real clock. */
export function servicesIn(dataDir: string): Promise<Services> {
  return createServices({
    database: { sqlite: join(dataDir, 'baken.sqlite') },
    keyDir: dataDir,
    clock: systemClock,
    scripts: fileScriptSource(join(projectRoot, 'content')),
  });
}

/** Puts each of `phones` on `list` as a confirmed SMS subscriber named "`name` n" (from 1). */
export async function addSmsPool(services: Services, list: string, name: string, phones: string[]): Promise<void> {
  for (const [index, phone] of phones.entries())
    await services.subscribers.upsertIntoList(
      list,
      {
        name: `${name} ${index + 1}`,
        email: null,
        phone,
        preferredChannel: 'sms',
        fallbackChannel: null,
        consent: 'test',
      },
      true,
    );
}

/**
 * A published call-up by SMS from `script` with its `fields`, needing `needed` from `pools`:
 * coordinator anna writes it, bram approves it (both are added). Returns its id.
 */
export async function publishedCallUp(
  services: Services,
  questions: QuestionService,
  callUp: { script: string; fields: Record<string, string>; needed: number; pools: string[] },
): Promise<string> {
  const hash = await hashPassword('correct horse battery staple');
  const anna = await services.users.add('anna', 'coordinator', hash);
  const bram = await services.users.add('bram', 'coordinator', hash);
  const created = await questions.create(
    { ...callUp, channels: ['sms'], lists: [], training: false, severity: 'Moderate', area: 'Voorbeeldstad' },
    anna,
  );
  if (!created.ok) throw new Error(JSON.stringify(created));
  await services.broadcastService.submit(created.value.id, anna);
  const approved = await services.broadcastService.approve(created.value.id, bram);
  if (!approved.ok) throw new Error(JSON.stringify(approved));
  return created.value.id;
}
