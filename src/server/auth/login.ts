import type { AuthenticationResponseJSON, PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import type { AuditLog } from '../audit/audit-log-store.ts';
import type { Clock } from '../clock.ts';
import { HashLimiter } from './hash-limiter.ts';
import type { LoginAttemptStore } from './login-attempt-store.ts';
import type { PasskeyService, WebAuthnSite } from './passkeys.ts';
import { dummyHash, verifyPassword } from './password.ts';
import { hashRecoveryCode } from './recovery-codes.ts';
import type { SessionStore } from './session-store.ts';
import { checkTotp } from './totp.ts';
import type { LoginAccount, User, UserStore } from './user-store.ts';

export type LoginFailure =
  | { reason: 'invalid' }
  | { reason: 'throttled'; retryAfterSeconds: number }
  | { reason: 'busy' }
  | { reason: 'mfa-required'; passkeyOptions?: PublicKeyCredentialRequestOptionsJSON | undefined }
  | { reason: 'invalid-code' }
  | { reason: 'mfa-not-set-up' };

export type LoginResult = { ok: true; user: User; sessionId: string } | ({ ok: false } & LoginFailure);

export interface LoginRequest {
  username: string;
  password: string;
  /** A 6-digit TOTP code or a recovery code, for the second step. */
  code?: string | undefined;
  /** A passkey's answer (from the browser's navigator.credentials.get), instead of a code. */
  passkey?: AuthenticationResponseJSON | undefined;
  /** Where the browser is, for checking a passkey. */
  site?: WebAuthnSite | undefined;
  ip: string;
}

// Two scrypt hashes at a time (128 MiB each) and a short queue: a burst of logins waits or
// is told to come back, instead of taking all memory.
const HASH_CONCURRENCY = 2;
const HASH_QUEUE = 32;

/** Checks a login: throttle (reserved before the hash), password, second factor, audit. */
export class LoginService {
  readonly #clock: Clock;
  readonly #users: UserStore;
  readonly #attempts: LoginAttemptStore;
  readonly #sessions: SessionStore;
  readonly #audit: AuditLog;
  readonly #passkeys: PasskeyService;
  readonly #hashes = new HashLimiter(HASH_CONCURRENCY, HASH_QUEUE);

  constructor(deps: {
    clock: Clock;
    users: UserStore;
    attempts: LoginAttemptStore;
    sessions: SessionStore;
    audit: AuditLog;
    passkeys: PasskeyService;
  }) {
    this.#clock = deps.clock;
    this.#users = deps.users;
    this.#attempts = deps.attempts;
    this.#sessions = deps.sessions;
    this.#audit = deps.audit;
    this.#passkeys = deps.passkeys;
  }

  async login({ username, password, code, passkey, site, ip }: LoginRequest): Promise<LoginResult> {
    const reservation = await this.#attempts.reserve(username, ip);
    if (!reservation.ok)
      return { ok: false, reason: 'throttled', retryAfterSeconds: Math.ceil(reservation.retryAfterMs / 1000) };

    const account = await this.#users.findByName(username);
    const storedHash = account?.passwordHash ?? (await dummyHash());
    const valid = await this.#hashes.run(() => verifyPassword(password, storedHash));
    if (valid === undefined) {
      // Nothing was checked, so it is no guess: do not hold it against this address.
      await this.#attempts.forget(reservation.id);
      return { ok: false, reason: 'busy' };
    }
    if (!account || !valid || account.disabled) {
      await this.#attempts.fail(reservation.id);
      await this.#audit.append({
        actor: username,
        action: 'login.failed',
        subject: `user:${username}`,
        details: { ip, ...(account?.disabled ? { disabled: true } : {}) },
      });
      return { ok: false, reason: 'invalid' };
    }
    if (!account.totpSecret) {
      await this.#attempts.forget(reservation.id);
      await this.#audit.append({
        actor: username,
        action: 'login.refused',
        subject: `user:${username}`,
        details: { ip, reason: 'no second factor' },
      });
      return { ok: false, reason: 'mfa-not-set-up' };
    }
    if (!code && !passkey) {
      await this.#attempts.forget(reservation.id);
      const passkeyOptions =
        site && (await this.#passkeys.has(account.id))
          ? await this.#passkeys.loginOptions(account.id, site)
          : undefined;
      return { ok: false, reason: 'mfa-required', passkeyOptions };
    }
    const factor = passkey
      ? site && (await this.#passkeys.verifyLogin(account.id, passkey, site))
        ? 'passkey'
        : undefined
      : code
        ? await this.#checkSecondFactor(account, code)
        : undefined;
    if (!factor) {
      await this.#attempts.fail(reservation.id);
      await this.#audit.append({
        actor: username,
        action: 'login.failed',
        subject: `user:${username}`,
        details: { ip, step: 'code' },
      });
      return { ok: false, reason: 'invalid-code' };
    }
    await this.#attempts.succeed(reservation.id);
    const sessionId = await this.#sessions.create(account.id);
    await this.#audit.append({
      actor: username,
      action: 'login.succeeded',
      subject: `user:${username}`,
      details: { ip, factor },
    });
    return { ok: true, user: { id: account.id, username: account.username, role: account.role }, sessionId };
  }

  /**
   * Asks the password again before a change to the second factor (a stolen session alone
   * must not be enough), throttled and hashed like a login.
   */
  async confirmPassword(username: string, password: string, ip: string): Promise<'ok' | LoginFailure['reason']> {
    const reservation = await this.#attempts.reserve(username, ip);
    if (!reservation.ok) return 'throttled';
    const account = await this.#users.findByName(username);
    const valid = await this.#hashes.run(() => verifyPassword(password, account?.passwordHash ?? ''));
    if (valid === undefined) return 'busy';
    if (!valid) {
      await this.#attempts.fail(reservation.id);
      await this.#audit.append({
        actor: username,
        action: 'password.confirm-failed',
        subject: `user:${username}`,
        details: { ip },
      });
      return 'invalid';
    }
    await this.#attempts.forget(reservation.id);
    return 'ok';
  }

  /** Which second factor the code proves ('totp' or 'recovery-code'), using it up; or nothing. */
  async #checkSecondFactor(account: LoginAccount, code: string): Promise<'totp' | 'recovery-code' | undefined> {
    const compact = code.replace(/[\s-]/g, '');
    if (/^\d{6}$/.test(compact)) {
      if (!account.totpSecret) return undefined;
      const step = await checkTotp(account.totpSecret, compact, account.totpLastStep, this.#clock.now());
      return step !== undefined && (await this.#users.useTotpStep(account.id, step)) ? 'totp' : undefined;
    }
    if (
      compact.length > 0 &&
      compact.length <= 32 &&
      (await this.#users.useRecoveryCode(account.id, hashRecoveryCode(compact)))
    ) {
      await this.#audit.append({
        actor: account.username,
        action: 'login.recovery-code-used',
        subject: `user:${account.username}`,
        details: { left: await this.#users.unusedRecoveryCodes(account.id) },
      });
      return 'recovery-code';
    }
    return undefined;
  }
}
