import { describe, expect, it } from 'vitest';
import { dummyHash, passwordProblem, verifyPassword } from '../../src/server/auth/password.ts';

describe('passwordProblem', () => {
  it('wants at least 12 characters and accepts long passphrases up to 1024, without rules about kinds of characters', () => {
    expect(passwordProblem('elf tekens!')).toMatch(/minstens 12 tekens/);
    expect(passwordProblem('alleen kleine letters en spaties')).toBeUndefined();
    expect(passwordProblem('x'.repeat(30) + 'yz ab'.repeat(7))).toBeUndefined();
    expect(passwordProblem('abcd '.repeat(205))).toMatch(/te lang/);
  });

  it('refuses common and breached passwords, also with digits or punctuation at the end', () => {
    expect(passwordProblem('qwerty123456')).toMatch(/veelgebruikte of uitgelekte/);
    expect(passwordProblem('Iloveyou2024!')).toMatch(/veelgebruikte of uitgelekte/);
    expect(passwordProblem('PASSWORD1234567')).toMatch(/veelgebruikte of uitgelekte/);
  });

  it('refuses the user name inside the password and a single repeated character', () => {
    expect(passwordProblem('anna-is-de-beste', 'anna')).toMatch(/gebruikersnaam/);
    expect(passwordProblem('aaaaaaaaaaaaaaaa')).toMatch(/te weinig verschillende tekens/);
  });
});

describe('dummyHash', () => {
  it('is a real scrypt hash with the normal parameters, so checking against it costs a full hash', async () => {
    const hash = await dummyHash();
    expect(hash).toMatch(/^scrypt\$131072\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(await verifyPassword('anything', hash)).toBe(false);
    expect(await dummyHash()).toBe(hash);
  });
});
