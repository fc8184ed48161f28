import { hashRecoveryCode, newRecoveryCodes } from './recovery-codes.ts';
import { newTotpSecret, totpUri } from './totp.ts';
import type { User, UserStore } from './user-store.ts';

export interface NewSecondFactor {
  /** `otpauth://totp/…`, for an authenticator app. */
  otpauthUri: string;
  /** One-time recovery codes, shown once; only their hashes are stored. */
  recoveryCodes: string[];
}

/** Gives an account a new TOTP secret (a fresh one, or one confirmed in the console) and new recovery codes; the old ones stop working. */
export async function enrolSecondFactor(
  users: UserStore,
  user: Pick<User, 'id' | 'username'>,
  secret = newTotpSecret(),
): Promise<NewSecondFactor> {
  const recoveryCodes = newRecoveryCodes();
  await users.setSecondFactor(user.id, secret, recoveryCodes.map(hashRecoveryCode));
  return { otpauthUri: totpUri(user.username, secret), recoveryCodes };
}
