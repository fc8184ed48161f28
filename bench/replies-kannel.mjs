// Replies to a call-up: SMS replies per second through the Kannel MO path (fakesmsc → bearerbox
// → smsbox get-url → Baken), against the same Kannel calling a server that only answers (the
// baseline); and the time from the last needed "JA" leaving the phone to the "enough" state.
import { createServer } from 'node:http';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import { hashPassword } from '../src/server/auth/password.ts';
import { fileScriptSource } from '../src/server/broadcast/file-script-source.ts';
import { systemClock } from '../src/server/clock.ts';
import { createReplyServices } from '../src/server/replies/create-reply-service.ts';
import { createServices } from '../src/server/services.ts';
import { countRow, nullableInteger } from '../src/server/store/columns.ts';
import { projectRoot, startHub } from '../tests/helpers/hub-server.ts';
import { startKannelMo } from '../tests/helpers/kannel-mo.ts';
import { roundRows, table } from './lib/format.mjs';
import { median } from './lib/median.mjs';

const REPLIES = 400;
const ROUNDS = 3;
const NEEDED = 5;
const SECRET = 'bench-mo-secret-0123456789abcdef';
const enoughRow = z.object({ enough_at: nullableInteger });

export const title = `Replies: ${REPLIES} SMS replies through Kannel into Baken vs into a server that only answers; time from the last needed JA to "enough"`;

/** Replies per second: from the first MO until the receiver counted them all. */
async function flood(kannel, count, received, prefix) {
  const before = await received();
  const started = performance.now();
  await kannel.flood(prefix, 'JA', count);
  while ((await received()) < before + count) await new Promise((resolve) => setTimeout(resolve, 5));
  return count / ((performance.now() - started) / 1000);
}

export async function measure() {
  // Baseline: Kannel's own pace into a server that counts and answers 200.
  let answered = 0;
  const plain = createServer((_request, response) => {
    answered += 1;
    response.end('{}');
  });
  await new Promise((resolve) => plain.listen(0, '127.0.0.1', resolve));
  const hub = await startHub({ env: { BAKEN_MO_SECRET: SECRET } });
  const services = await createServices({
    database: { sqlite: join(hub.dataDir, 'baken.sqlite') },
    keyDir: hub.dataDir,
    clock: systemClock,
    scripts: fileScriptSource(join(projectRoot, 'content')),
  });
  const { questions } = createReplyServices(services);
  const plainKannel = await startKannelMo(`http://127.0.0.1:${plain.address().port}/`);
  const kannel = await startKannelMo(`${hub.url}/api/mo/kannel?secret=${SECRET}`);
  try {
    const stored = async () => (await services.database.sql.get(countRow, 'SELECT COUNT(*) AS n FROM replies')).n;
    const rounds = { plain: [], baken: [] };
    for (let round = 0; round < ROUNDS; round += 1) {
      rounds.plain.push(await flood(plainKannel, REPLIES, () => answered, `+316${round}0`));
      rounds.baken.push(await flood(kannel, REPLIES, stored, `+316${round}1`));
    }

    // Time to "enough": a fresh call-up per round; the NEEDED-th JA is timed from fakesmsc.
    const hash = await hashPassword('correct horse battery staple');
    const anna = await services.users.add('anna', 'coordinator', hash);
    const bram = await services.users.add('bram', 'coordinator', hash);
    for (let n = 1; n <= NEEDED * ROUNDS; n += 1)
      await services.subscribers.upsertIntoList(
        'Bench pool',
        {
          name: `R${n}`,
          email: null,
          phone: `+3169${String(n).padStart(7, '0')}`,
          preferredChannel: 'sms',
          fallbackChannel: null,
          consent: 'bench',
        },
        true,
      );
    const toEnough = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      const created = await questions.create(
        {
          script: 'zorg-oproep-reservisten-stroomuitval',
          channels: ['sms'],
          lists: [],
          training: false,
          fields: { organisatie: 'Bench', datum: '05-03-2027', tijd: '14:00', locatie: 'De Linde' },
          severity: 'Moderate',
          area: 'Bench',
          needed: NEEDED,
          pools: ['Bench pool'],
        },
        anna,
      );
      const id = created.value.id;
      await services.broadcastService.submit(id, anna);
      await services.broadcastService.approve(id, bram);
      await questions.tick();
      const people = Array.from(
        { length: NEEDED },
        (_, i) => `+3169${String(round * NEEDED + i + 1).padStart(7, '0')}`,
      );
      for (const from of people.slice(0, -1)) await kannel.send(from, 'ja');
      const started = performance.now();
      await kannel.send(people.at(-1), 'JA');
      const enoughAt = async () =>
        (await services.database.sql.get(enoughRow, 'SELECT enough_at FROM questions WHERE broadcast_id = $1', [id]))
          ?.enough_at ?? null;
      while ((await enoughAt()) === null) await new Promise((resolve) => setTimeout(resolve, 2));
      toEnough.push(performance.now() - started);
    }
    const best = { plain: Math.max(...rounds.plain), baken: Math.max(...rounds.baken) };
    return { rounds, best, ratio: best.baken / best.plain, toEnough };
  } finally {
    await kannel.stop();
    await plainKannel.stop();
    await services.close();
    await hub.stop();
    plain.close();
  }
}

export function report(result) {
  return [
    table(
      ['receiver', 'replies/s per round', 'best replies/s', 'ratio'],
      roundRows(result, 'plain', [
        ['server that only answers (baseline)', 'plain'],
        ['Baken /api/mo/kannel (stored, matched)', 'baken'],
      ]),
    ),
    '',
    `Replies from numbers nobody asked (fakesmsc randomises the sender), so each one takes the whole path: secret, limits, matching, storing.`,
    '',
    table(
      ['measure', 'per round (ms)', 'median (ms)'],
      [
        [
          'last needed JA (fakesmsc) → "enough"',
          result.toEnough.map((ms) => ms.toFixed(0)).join(' / '),
          median(result.toEnough).toFixed(0),
        ],
      ],
    ),
  ].join('\n');
}
