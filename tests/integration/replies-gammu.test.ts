import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReplyServices } from '../../src/server/replies/create-reply-service.ts';
import type { QuestionService } from '../../src/server/replies/question-service.ts';
import type { ReplyService } from '../../src/server/replies/reply-service.ts';
import type { Services } from '../../src/server/services.ts';
import { addSmsPool, publishedCallUp, servicesIn } from '../helpers/call-up.ts';
import { type RunningGammuSmsd, startGammuSmsd } from '../helpers/gammu-smsd.ts';
import { projectRoot } from '../helpers/hub-server.ts';
import { waitFor } from '../helpers/wait-for.ts';

const phone = (n: number) => `+3162000${String(n).padStart(4, '0')}`;

let dataDir: string;
let smsd: RunningGammuSmsd;
let services: Services;
let replies: ReplyService;
let questions: QuestionService;
let broadcastId: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'baken-gammu-mo-'));
  services = await servicesIn(dataDir);
  ({ questions, replies } = createReplyServices(services));
  await addSmsPool(
    services,
    'Vrijwilligers',
    'Vrijwilliger',
    Array.from({ length: 3 }, (_, i) => phone(i + 1)),
  );
  broadcastId = await publishedCallUp(services, questions, {
    script: 'veiligheid-oproep-vrijwilligers-noodsteunpunt',
    fields: { organisatie: 'Veiligheidsregio', datum: '05-03-2027', tijd: '14:00', locatie: 'De Brug' },
    needed: 2,
    pools: ['Vrijwilligers'],
  });
  await questions.tick();
  // RunOnReceive as an operator sets it up: a small script that runs `npm run baken -- mo gammu "$@"`.
  const hook = join(dataDir, 'on-receive.sh');
  writeFileSync(
    hook,
    `#!/bin/sh\ncd '${projectRoot}' && BAKEN_DATA_DIR='${dataDir}' exec '${process.execPath}' scripts/baken.ts mo gammu "$@" >> '${join(dataDir, 'hook.log')}' 2>&1\n`,
  );
  chmodSync(hook, 0o755);
  smsd = await startGammuSmsd({ runOnReceive: hook });
}, 60_000);
afterAll(async () => {
  await smsd?.stop();
  await services?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('replies through a GSM modem (gammu-smsd dummy driver → RunOnReceive → mo gammu)', () => {
  it('counts a reply that arrives on the modem', async () => {
    smsd.receive(phone(1), 'Ja, ik kom!');
    const view = await waitFor(
      'the reply counted',
      async () => {
        const v = await questions.view(broadcastId);
        return v?.replies.JA === 1 ? v : undefined;
      },
      30_000,
    );
    expect(view.replies).toEqual({ JA: 1, NEE: 0, unclear: 0, none: 2 });
  });

  it('keeps an unknown number apart and unsubscribes on STOP', async () => {
    smsd.receive('+31677770000', 'nee');
    smsd.receive(phone(3), 'stop');
    await waitFor(
      'STOP handled',
      async () => ((await services.subscribers.byAddress('sms', phone(3))) ? undefined : true),
      30_000,
    );
    await waitFor(
      'unknown kept apart',
      async () => (await replies.unmatched()).some((r) => r.sender === '+31677770000') || undefined,
    );
    expect((await questions.view(broadcastId))?.replies.NEE).toBe(0);
  });
});
