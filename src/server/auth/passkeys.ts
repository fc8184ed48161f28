import {
  type AuthenticationResponseJSON,
  generateAuthenticationOptions,
  generateRegistrationOptions,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import type { Clock } from '../clock.ts';
import type { ChallengeStore } from './challenge-store.ts';
import type { PasskeyStore } from './passkey-store.ts';
import type { User } from './user-store.ts';

/** Where the browser is: the page's origin and the WebAuthn relying-party id (its host name). */
export interface WebAuthnSite {
  origin: string;
  rpID: string;
}

const CHALLENGE_TTL_MS = 2 * 60 * 1000;

/**
 * Passkeys (WebAuthn) as a second factor: registration by a logged-in coordinator, and a
 * check after the password at login. Challenges live in the store for two minutes (any web
 * process may get the answer) and are used once.
 */
export class PasskeyService {
  readonly #store: PasskeyStore;
  readonly #clock: Clock;
  readonly #challenges: ChallengeStore;

  constructor(store: PasskeyStore, challenges: ChallengeStore, clock: Clock) {
    this.#store = store;
    this.#challenges = challenges;
    this.#clock = clock;
  }

  async has(userId: number): Promise<boolean> {
    return (await this.#store.listOf(userId)).length > 0;
  }

  removeAll(userId: number): Promise<number> {
    return this.#store.removeAllOf(userId);
  }

  async list(userId: number) {
    return (await this.#store.listOf(userId)).map(({ id, createdAt, lastUsedAt }) => ({ id, createdAt, lastUsedAt }));
  }

  async registrationOptions(user: User, site: WebAuthnSite): Promise<PublicKeyCredentialCreationOptionsJSON> {
    const options = await generateRegistrationOptions({
      rpName: 'Baken',
      rpID: site.rpID,
      userName: user.username,
      userID: new TextEncoder().encode(`baken-user-${user.id}`),
      attestationType: 'none',
      excludeCredentials: (await this.#store.listOf(user.id)).map((p) => ({
        id: p.id,
        transports: p.transports as never,
      })),
      authenticatorSelection: { residentKey: 'preferred', userVerification: 'required' },
    });
    await this.#remember(`register:${user.id}`, options.challenge);
    return options;
  }

  /** Verifies and stores a new passkey; false when the response does not match the challenge. */
  async register(user: User, response: RegistrationResponseJSON, site: WebAuthnSite): Promise<boolean> {
    const challenge = await this.#take(`register:${user.id}`);
    if (!challenge) return false;
    try {
      const result = await verifyRegistrationResponse({
        response,
        expectedChallenge: challenge,
        expectedOrigin: site.origin,
        expectedRPID: site.rpID,
        requireUserVerification: true,
      });
      if (!result.verified) return false;
      const { credential } = result.registrationInfo;
      await this.#store.add(user.id, {
        id: credential.id,
        publicKey: credential.publicKey,
        counter: credential.counter,
        transports: credential.transports ?? [],
      });
      return true;
    } catch {
      return false;
    }
  }

  async loginOptions(userId: number, site: WebAuthnSite): Promise<PublicKeyCredentialRequestOptionsJSON> {
    const options = await generateAuthenticationOptions({
      rpID: site.rpID,
      allowCredentials: (await this.#store.listOf(userId)).map((p) => ({
        id: p.id,
        transports: p.transports as never,
      })),
      userVerification: 'required',
    });
    await this.#remember(`login:${userId}`, options.challenge);
    return options;
  }

  /** Checks a passkey answer at login against the challenge given to this user. */
  async verifyLogin(userId: number, response: AuthenticationResponseJSON, site: WebAuthnSite): Promise<boolean> {
    const challenge = await this.#take(`login:${userId}`);
    const passkey = (await this.#store.listOf(userId)).find((p) => p.id === response.id);
    if (!challenge || !passkey) return false;
    try {
      const result = await verifyAuthenticationResponse({
        response,
        expectedChallenge: challenge,
        expectedOrigin: site.origin,
        expectedRPID: site.rpID,
        credential: {
          id: passkey.id,
          publicKey: passkey.publicKey,
          counter: passkey.counter,
          transports: passkey.transports as never,
        },
        requireUserVerification: true,
      });
      return result.verified && (await this.#store.markUsed(passkey.id, result.authenticationInfo.newCounter));
    } catch {
      return false;
    }
  }

  #remember(key: string, challenge: string): Promise<void> {
    const now = this.#clock.now().getTime();
    return this.#challenges.put(key, challenge, now, now + CHALLENGE_TTL_MS);
  }

  #take(key: string): Promise<string | undefined> {
    return this.#challenges.take(key, this.#clock.now().getTime());
  }
}
