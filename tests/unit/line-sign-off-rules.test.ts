import { describe, expect, it } from 'vitest';
import { consoleHome, mayUse } from '../../src/server/auth/role-access.ts';
import { sectorsConcerned, signOffFor } from '../../src/server/lines/sign-off-rules.ts';

const ALL = ['zorg-welzijn', 'onderwijs-kinderopvang', 'veiligheid', 'cultuur-sport'];
const proposal = { sectors: ['zorg-welzijn', 'veiligheid'], status: 'open' as const, proposedBy: 'pim' };
const signOff = (sector: string) => ({ sector, username: 'x', at: 0 });

describe('sectorsConcerned', () => {
  it('expands alle-sectoren, adds the sectors of the line it replaces, and keeps the sectors’ order', () => {
    expect(sectorsConcerned('alle-sectoren', ALL)).toEqual(ALL);
    expect(sectorsConcerned(['veiligheid'], ALL, ['zorg-welzijn'])).toEqual(['zorg-welzijn', 'veiligheid']);
  });
});

describe('signOffFor', () => {
  it.each([
    [
      'an editor of a sector still needed',
      { username: 'zoe', sectors: ['zorg-welzijn'] },
      [],
      { ok: true, sectors: ['zorg-welzijn'] },
    ],
    [
      'an editor of two needed sectors signs both',
      { username: 'zoe', sectors: ['zorg-welzijn', 'veiligheid'] },
      [],
      { ok: true, sectors: ['zorg-welzijn', 'veiligheid'] },
    ],
    ['the proposer', { username: 'pim', sectors: ['zorg-welzijn'] }, [], { ok: false, code: 'own-proposal' }],
    [
      'an editor of another sector',
      { username: 'otto', sectors: ['onderwijs-kinderopvang'] },
      [],
      { ok: false, code: 'not-your-sector' },
    ],
    [
      'a sector that signed already',
      { username: 'zed', sectors: ['zorg-welzijn'] },
      ['zorg-welzijn'],
      { ok: false, code: 'already-signed' },
    ],
  ])('%s', (_name, editor, signed, expected) => {
    const result = signOffFor(proposal, signed.map(signOff), editor);
    if ('code' in expected) expect(!result.ok && result.refusal.code).toBe(expected.code);
    else expect(result).toEqual(expected);
  });

  it('refuses while changes are asked for and after publishing', () => {
    const editor = { username: 'zoe', sectors: ['zorg-welzijn'] };
    const code = (status: 'changes-requested' | 'publishing' | 'published') => {
      const result = signOffFor({ ...proposal, status }, [], editor);
      return !result.ok && result.refusal.code;
    };
    expect([code('changes-requested'), code('publishing'), code('published')]).toEqual([
      'changes-requested',
      'already-agreed',
      'already-agreed',
    ]);
  });
});

describe('mayUse', () => {
  it('keeps editors to the lines and coordinators and administrators out of them', () => {
    expect(mayUse('editor', '/api/lines/proposals')).toBe(true);
    expect(mayUse('editor', '/coordinator/lijnen/')).toBe(true);
    expect(mayUse('editor', '/api/broadcasts')).toBe(false);
    expect(mayUse('editor', '/coordinator/')).toBe(false);
    expect(mayUse('editor', '/coordinator/beveiliging/')).toBe(true);
    expect(mayUse('coordinator', '/api/lines/proposals/1/sign-off')).toBe(false);
    expect(mayUse('admin', '/coordinator/lijnen/')).toBe(false);
    expect(mayUse('coordinator', '/api/broadcasts')).toBe(true);
    expect(mayUse('coordinator', '/api/linesx')).toBe(true);
    expect([consoleHome('editor'), consoleHome('coordinator')]).toEqual(['/coordinator/lijnen/', '/coordinator/']);
  });
});
