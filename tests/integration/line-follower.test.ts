// Two web processes on two machines, one PostgreSQL store, each with a content folder of its
// own: a line agreed through one comes into the other's content folder and site as well.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '../../src/server/auth/user-store.ts';
import { fileScriptSource } from '../../src/server/broadcast/file-script-source.ts';
import { manualClock } from '../../src/server/clock.ts';
import { startLineFollower } from '../../src/server/lines/line-follower.ts';
import { createServices, type Services } from '../../src/server/services.ts';
import { contentRepoCopy, git } from '../helpers/content-repo.ts';
import { type RunningPostgres, startPostgres } from '../helpers/postgres.ts';
import { waitFor } from '../helpers/wait-for.ts';

const SCHOOL = 'onderwijs-stroomuitval';

let cluster: RunningPostgres;
let keyDir: string;
const machines: Array<{ content: string; services: Services; rebuilds: number }> = [];
let proposer: User;
let partner: User;

async function machine(url: string): Promise<(typeof machines)[number]> {
  const content = contentRepoCopy();
  const entry = { content, rebuilds: 0 } as (typeof machines)[number];
  entry.services = await createServices({
    database: { postgres: url },
    keyDir,
    clock: manualClock(new Date('2026-11-25T10:00:00Z')),
    scripts: fileScriptSource(content),
    contentDir: content,
    rebuildSite: () => {
      entry.rebuilds += 1;
    },
  });
  machines.push(entry);
  return entry;
}

const source = (content: string) => readFileSync(join(content, 'scripts', `${SCHOOL}.md`), 'utf8');

/** Agrees a change of the school line through `at`: otto proposes, olga signs. */
async function agree(at: Services, from: string, to: string): Promise<void> {
  const text = source(machines[0]?.content ?? '');
  expect(text).toContain(from);
  const proposed = await at.lines.propose({ slug: SCHOOL, markdown: text.replace(from, to) }, proposer);
  if (!proposed.ok) throw new Error(JSON.stringify(proposed));
  const signed = await at.lines.signOff(proposed.value.id, partner);
  if (!signed.ok || !signed.value.published) throw new Error(JSON.stringify(signed));
}

beforeAll(async () => {
  cluster = await startPostgres();
  keyDir = mkdtempSync(join(tmpdir(), 'baken-keys-'));
  const url = await cluster.newDatabase('follow_lines');
  const one = await machine(url);
  await machine(url);
  proposer = await one.services.users.add('otto', 'editor', 'not-a-real-hash');
  partner = await one.services.users.add('olga', 'editor', 'not-a-real-hash');
  await one.services.userSectors.set(proposer.id, ['onderwijs-kinderopvang']);
  await one.services.userSectors.set(partner.id, ['onderwijs-kinderopvang']);
}, 90_000);

afterAll(async () => {
  for (const { services, content } of machines) {
    await services.close();
    rmSync(content, { recursive: true, force: true });
  }
  if (keyDir) rmSync(keyDir, { recursive: true, force: true });
  await cluster?.stop();
});

describe('a line agreed on one machine', () => {
  it('comes into the other machine’s content folder, git history and lines, and its site is rebuilt once', async () => {
    const [one, two] = machines as [(typeof machines)[number], (typeof machines)[number]];
    await agree(one.services, 'Wij houden u op de hoogte.', 'Wij houden u elk uur op de hoogte.');
    expect(source(one.content)).toContain('version: "1.2"');
    expect(source(two.content)).not.toContain('elk uur');

    expect(await two.services.followLines()).toEqual([SCHOOL]);
    expect(source(two.content)).toBe(source(one.content));
    expect(two.rebuilds).toBe(1);
    const message = git(two.content, 'log', '-1', '--format=%B');
    expect(message).toContain(`Lijn ${SCHOOL} vastgesteld: versie 1.2`);
    expect(message).toContain('Getekend-door: olga (onderwijs-kinderopvang)');
    expect(message).toContain(`Overgenomen-van: ${git(one.content, 'rev-parse', 'HEAD').trim()}`);
    // A coordinator on the other machine composes from the agreed text at once.
    expect(JSON.stringify(await two.services.broadcastService.script(SCHOOL))).toContain('elk uur');

    // Nothing more to do on either machine: same file, same version.
    expect(await two.services.followLines()).toEqual([]);
    expect(await one.services.followLines()).toEqual([]);
    expect(two.rebuilds).toBe(1);
    expect(one.rebuilds).toBe(1);
  });

  it('arrives through the notification, without waiting for the minute', async () => {
    const [one, two] = machines as [(typeof machines)[number], (typeof machines)[number]];
    const stop = await startLineFollower(two.services.database.sql, two.services.followLines, 60 * 60_000);
    try {
      await agree(one.services, 'Wij houden u elk uur op de hoogte.', 'Wij houden u elk half uur op de hoogte.');
      await waitFor(
        'the line on the other machine',
        () => (source(two.content).includes('elk half uur') ? true : undefined),
        10_000,
      );
      expect(source(two.content)).toContain('version: "1.3"');
    } finally {
      await stop();
    }
  });

  it('leaves a newer file alone that an operator put in the content folder by hand', async () => {
    const [one, two] = machines as [(typeof machines)[number], (typeof machines)[number]];
    const manual = source(two.content).replace('version: "1.3"', 'version: "1.10"').replace('elk half uur', 'steeds');
    writeFileSync(join(two.content, 'scripts', `${SCHOOL}.md`), manual);
    expect(await two.services.followLines()).toEqual([]);
    expect(source(two.content)).toBe(manual);
    expect(source(one.content)).toContain('version: "1.3"');
  });
});
