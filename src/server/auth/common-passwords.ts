import { dictionary } from '@zxcvbn-ts/language-common';

let common: Set<string> | undefined;

/**
 * Whether a password is on the offline list of about 49,000 common and breached passwords
 * (the list zxcvbn-ts ships), compared case-insensitively and also without trailing digits
 * and punctuation, so `Welkom123!` counts as `welkom`.
 */
export function isCommonPassword(password: string): boolean {
  common ??= new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()));
  const lower = password.toLowerCase();
  const stem = lower.replace(/[\d\W_]+$/u, '');
  return common.has(lower) || (stem.length >= 4 && common.has(stem));
}
