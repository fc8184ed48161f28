import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '../../src/server/auth/user-store.ts';
import { fileScriptSource } from '../../src/server/broadcast/file-script-source.ts';
import { manualClock } from '../../src/server/clock.ts';
import { createServices, type Services } from '../../src/server/services.ts';
import { contentRepoCopy, git } from '../helpers/content-repo.ts';
import { present } from '../helpers/present.ts';

const CROSS = 'alle-sectoren-regionale-stroomuitval';
const SCHOOL = 'onderwijs-stroomuitval';

let content: string;
let services: Services;
let rebuilds = 0;
const clock = manualClock(new Date('2026-11-25T10:00:00Z'));

async function editor(username: string, sectors: string[]): Promise<User> {
  // The hash is never checked here: these tests do not log in.
  const user = await services.users.add(username, 'editor', 'not-a-real-hash');
  await services.userSectors.set(user.id, sectors);
  return user;
}

const source = (slug: string) => readFileSync(join(content, 'scripts', `${slug}.md`), 'utf8');
const changed = (slug: string, from: string, to: string) => {
  const text = source(slug);
  expect(text).toContain(from);
  return text.replace(from, to);
};

let zorg: User, onderwijs: User, onderwijs2: User, veiligheid: User, cultuur: User, cultuur2: User, coordinator: User;

beforeAll(async () => {
  content = contentRepoCopy();
  services = await createServices({
    database: { sqlite: ':memory:' },
    keyDir: null,
    clock,
    scripts: fileScriptSource(content),
    contentDir: content,
    rebuildSite: () => {
      rebuilds += 1;
    },
  });
  zorg = await editor('zoe-zorg', ['zorg-welzijn']);
  onderwijs = await editor('otto-onderwijs', ['onderwijs-kinderopvang']);
  onderwijs2 = await editor('olga-onderwijs', ['onderwijs-kinderopvang']);
  veiligheid = await editor('vera-veiligheid', ['veiligheid']);
  cultuur = await editor('cas-cultuur', ['cultuur-sport']);
  cultuur2 = await editor('cor-cultuur', ['cultuur-sport']);
  coordinator = await services.users.add('anna', 'coordinator', 'not-a-real-hash');
});
afterAll(() => rmSync(content, { recursive: true, force: true }));

const auditActions = async (subject: string) =>
  (await services.audit.recent(100, subject)).reverse().map((e) => `${e.action} ${e.actor}`);

describe('agreeing a line across sectors', () => {
  it('needs a sign-off from every sector for alle-sectoren: with three of four it stays a proposal', async () => {
    const proposed = await services.lines.propose(
      { slug: CROSS, markdown: changed(CROSS, 'Let op uw buren.', 'Let op uw buren en help elkaar.') },
      cultuur,
    );
    expect(proposed.ok, JSON.stringify(proposed)).toBe(true);
    if (!proposed.ok) return;
    const { id } = proposed.value;

    const view = await services.lines.view(id, zorg);
    expect(view.ok && view.value.stillNeeded).toEqual([
      'zorg-welzijn',
      'onderwijs-kinderopvang',
      'veiligheid',
      'cultuur-sport',
    ]);

    for (const signer of [zorg, onderwijs, veiligheid]) {
      const signed = await services.lines.signOff(id, signer);
      expect(signed.ok, JSON.stringify(signed)).toBe(true);
      expect(signed.ok && signed.value.published).toBeUndefined();
    }
    const three = await services.lines.view(id, zorg);
    expect(three.ok && three.value.status).toBe('open');
    expect(three.ok && three.value.stillNeeded).toEqual(['cultuur-sport']);
    expect(source(CROSS)).toContain('version: "2.0"');
    expect(rebuilds).toBe(0);

    // The proposer is of cultuur-sport, but cannot sign for it: another editor of that sector does.
    const own = await services.lines.signOff(id, cultuur);
    expect(!own.ok && 'refusal' in own && own.refusal.code).toBe('own-proposal');

    const last = await services.lines.signOff(id, cultuur2);
    expect(last.ok, JSON.stringify(last)).toBe(true);
    expect(last.ok && last.value.published?.version).toBe('2.1');
    const written = source(CROSS);
    expect(written).toContain('Let op uw buren en help elkaar.');
    expect(written).toMatch(/version: "2\.1"/);
    expect(written).toContain('vastgesteld_op: 2026-11-25');
    expect(written).toContain(
      'vastgesteld_door: Zorg en welzijn, Onderwijs en kinderopvang, Veiligheid, Cultuur en sport',
    );
    expect(rebuilds).toBe(1);

    const commit = git(content, 'log', '-1', '--format=%H%n%B');
    expect(commit).toContain(last.ok ? present(last.value.published, 'the published commit').commit : 'no commit');
    expect(commit).toContain(`Lijn ${CROSS} vastgesteld: versie 2.1`);
    for (const signer of [
      'zoe-zorg (zorg-welzijn)',
      'otto-onderwijs (onderwijs-kinderopvang)',
      'vera-veiligheid (veiligheid)',
      'cor-cultuur (cultuur-sport)',
    ])
      expect(commit).toContain(`Getekend-door: ${signer}`);
    expect(git(content, 'status', '--porcelain')).toBe('');

    expect(await auditActions(`line-proposal:${id}`)).toEqual([
      'line.proposed cas-cultuur',
      'line.signed-off zoe-zorg',
      'line.signed-off otto-onderwijs',
      'line.signed-off vera-veiligheid',
      'line.signed-off cor-cultuur',
      'line.published cor-cultuur',
    ]);
  });
});

describe('who may sign', () => {
  it('refuses an editor of zorg on an onderwijs line, and the proposer alone; the onderwijs partner publishes', async () => {
    const proposed = await services.lines.propose(
      { slug: SCHOOL, markdown: changed(SCHOOL, 'Wij houden u op de hoogte.', 'Wij houden u steeds op de hoogte.') },
      onderwijs,
    );
    expect(proposed.ok, JSON.stringify(proposed)).toBe(true);
    if (!proposed.ok) return;
    const { id } = proposed.value;

    const fromZorg = await services.lines.signOff(id, zorg);
    expect(!fromZorg.ok && 'refusal' in fromZorg && fromZorg.refusal).toMatchObject({ status: 404 });
    const own = await services.lines.signOff(id, onderwijs);
    expect(!own.ok && 'refusal' in own && own.refusal).toMatchObject({ status: 403, code: 'own-proposal' });
    const byCoordinator = await services.lines.signOff(id, coordinator);
    expect(!byCoordinator.ok && 'refusal' in byCoordinator && byCoordinator.refusal.code).toBe('not-an-editor');
    expect(source(SCHOOL)).toContain('version: "1.1"');

    const partner = await services.lines.signOff(id, onderwijs2);
    expect(partner.ok && partner.value.published?.version).toBe('1.2');
    expect(source(SCHOOL)).toContain('Wij houden u steeds op de hoogte.');
    // The store keeps the line as committed; this folder already has it (line-follower.ts).
    expect(await services.followLines()).toEqual([]);
    const again = await services.lines.signOff(id, onderwijs2);
    expect(!again.ok && 'refusal' in again && again.refusal.code).toBe('already-agreed');
  });

  it('hides a proposal from editors of other sectors', async () => {
    const proposed = await services.lines.propose(
      {
        slug: 'onderwijs-datalek',
        markdown: source('onderwijs-datalek').replace('## Kernboodschap\n', '## Kernboodschap\n\nNieuw. '),
      },
      onderwijs,
    );
    expect(proposed.ok, JSON.stringify(proposed)).toBe(true);
    if (!proposed.ok) return;
    expect((await services.lines.view(proposed.value.id, zorg)).ok).toBe(false);
    expect((await services.lines.list(zorg)).map((p) => p.id)).not.toContain(proposed.value.id);
    expect((await services.lines.list(onderwijs2)).map((p) => p.id)).toContain(proposed.value.id);
    // One open proposal per line.
    const second = await services.lines.propose(
      { slug: 'onderwijs-datalek', markdown: source('onderwijs-datalek') },
      onderwijs2,
    );
    expect(!second.ok && 'refusal' in second && second.refusal.code).toBe('proposal-open');
  });
});

describe('asking for changes', () => {
  it('stops signing until the proposer sends a new version, which clears earlier sign-offs', async () => {
    const slug = 'veiligheid-datalek';
    const proposed = await services.lines.propose(
      { slug, markdown: source(slug).replace('## Kernboodschap\n', '## Kernboodschap\n\nEerste. ') },
      veiligheid,
    );
    if (!proposed.ok) throw new Error(JSON.stringify(proposed));
    const { id } = proposed.value;
    const asked = await services.lines.requestChanges(
      id,
      'Noem ook de meldplicht.',
      await editor('vik-veiligheid', ['veiligheid']),
    );
    expect(asked.ok && asked.value).toMatchObject({
      status: 'changes-requested',
      comments: [{ username: 'vik-veiligheid', comment: 'Noem ook de meldplicht.' }],
    });
    const signed = await services.lines.signOff(id, await editor('vic-veiligheid', ['veiligheid']));
    expect(!signed.ok && 'refusal' in signed && signed.refusal.code).toBe('changes-requested');
    const notMine = await services.lines.revise(id, source(slug), zorg);
    expect(notMine.ok).toBe(false);
    const revised = await services.lines.revise(
      id,
      source(slug).replace('## Kernboodschap\n', '## Kernboodschap\n\nTweede, met meldplicht. '),
      veiligheid,
    );
    expect(revised.ok, JSON.stringify(revised)).toBe(true);
    const view = await services.lines.view(id, veiligheid);
    expect(view.ok && view.value).toMatchObject({ status: 'open', stillNeeded: ['veiligheid'] });
    expect(await auditActions(`line-proposal:${id}`)).toEqual([
      'line.proposed vera-veiligheid',
      'line.changes-requested vik-veiligheid',
      'line.revised vera-veiligheid',
    ]);
  });
});

describe('checking a proposal', () => {
  it('answers with the content lint’s Dutch messages per field and stores nothing', async () => {
    const broken = source('zorg-stroomuitval')
      .replace(/max_segments: \d+/, 'max_segments: 1')
      .replace('## Handelingsperspectief', '## Iets anders');
    const outcome = await services.lines.propose({ slug: 'zorg-stroomuitval', markdown: broken }, zorg);
    expect(outcome.ok).toBe(false);
    if (outcome.ok || !('invalid' in outcome)) throw new Error('expected lint problems');
    const fields = outcome.invalid.map((p) => p.field);
    expect(fields).toContain('sms.text');
    expect(fields).toContain('## Handelingsperspectief');
    expect(
      present(
        outcome.invalid.find((p) => p.field === 'sms.text'),
        'a problem at sms.text',
      ).message,
    ).toMatch(/de sms wordt \d delen/);
    expect(await services.lines.list(zorg)).not.toContainEqual(expect.objectContaining({ slug: 'zorg-stroomuitval' }));
  });

  it('lets an editor propose only lines of their own sector', async () => {
    const outcome = await services.lines.propose(
      { slug: 'cultuur-sport-datalek', markdown: source('cultuur-sport-datalek') },
      zorg,
    );
    expect(!outcome.ok && 'refusal' in outcome && outcome.refusal.code).toBe('not-your-sector');
  });

  it('writes a new line under scripts/ only, whatever the slug tries', async () => {
    const markdown = source(SCHOOL).replace(/^title: .*$/m, 'title: Een nieuwe lijn');
    const created = await services.lines.propose({ slug: 'onderwijs-nieuwe-lijn', markdown }, onderwijs);
    if (!created.ok) throw new Error(JSON.stringify(created));
    const done = await services.lines.signOff(created.value.id, onderwijs2);
    expect(done.ok && done.value.published?.version).toBe('1.0');
    expect(existsSync(join(content, 'scripts', 'onderwijs-nieuwe-lijn.md'))).toBe(true);
  });
});

describe('renewing a line unchanged', () => {
  it('moves geldig_tot a year ahead under the same sign-off rule', async () => {
    const slug = 'zorg-datalek';
    const renewal = await services.lines.renew(slug, zorg);
    if (!renewal.ok) throw new Error(JSON.stringify(renewal));
    const own = await services.lines.signOff(renewal.value.id, zorg);
    expect(own.ok).toBe(false);
    const done = await services.lines.signOff(renewal.value.id, await editor('zeno-zorg', ['zorg-welzijn']));
    expect(done.ok, JSON.stringify(done)).toBe(true);
    expect(source(slug)).toContain('geldig_tot: 2027-11-25');
  });
});

describe('a publication that fails', () => {
  it('keeps the sign-offs and lets a partner publish again once git works', async () => {
    const slug = 'onderwijs-telefonie-uitval';
    const proposed = await services.lines.propose(
      { slug, markdown: source(slug).replace('## Kernboodschap\n\n', '## Kernboodschap\n\nNieuw begin. ') },
      onderwijs,
    );
    if (!proposed.ok) throw new Error(JSON.stringify(proposed));
    const { id } = proposed.value;
    // Another git process holds the index: the commit fails.
    const lock = join(content, '.git', 'index.lock');
    writeFileSync(lock, '');
    const failed = await services.lines.signOff(id, onderwijs2);
    expect(!failed.ok && 'refusal' in failed && failed.refusal).toMatchObject({ status: 500, code: 'publish-failed' });
    // Not committed, so not agreed: the file is as it was.
    expect(source(slug)).toContain('version: "1.0"');
    expect(source(slug)).not.toContain('Nieuw begin.');
    const after = await services.lines.view(id, onderwijs2);
    expect(after.ok && after.value).toMatchObject({ status: 'open', stillNeeded: [] });
    expect(after.ok && after.value.signOffs.map((s) => s.username)).toEqual(['olga-onderwijs']);

    rmSync(lock);
    const byProposer = await services.lines.signOff(id, onderwijs);
    expect(byProposer.ok).toBe(false);
    const retried = await services.lines.signOff(id, onderwijs2);
    expect(retried.ok && retried.value.published?.version).toBe('1.1');
    expect(source(slug)).toContain('Nieuw begin.');
    expect(await auditActions(`line-proposal:${id}`)).toEqual([
      'line.proposed otto-onderwijs',
      'line.signed-off olga-onderwijs',
      'line.publish-failed olga-onderwijs',
      'line.publish-retried olga-onderwijs',
      'line.published olga-onderwijs',
    ]);
  });
});
