import type { WebAuthnSite } from '../auth/passkeys.ts';

/**
 * The site a passkey ceremony runs on: the request's Origin, when it is this server's own
 * origin or the public one (BAKEN_PUBLIC_URL). The relying-party id is its host name.
 */
export function webauthnSite(request: Request, url: URL, publicUrl: string): WebAuthnSite | undefined {
  const origin = request.headers.get('origin');
  if (!origin || (origin !== url.origin && origin !== new URL(publicUrl).origin)) return undefined;
  return { origin, rpID: new URL(origin).hostname };
}
