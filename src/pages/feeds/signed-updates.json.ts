import type { APIRoute } from 'astro';
import { signUpdates } from '../../relay/signing-key.ts';
import { ensureSigningKey, type SigningKey } from '../../relay/signing-key-fs.ts';
import { buildUpdatesDocument } from '../../relay/updates-document.ts';
import { loadUpdates } from '../../server/feeds/load-updates.ts';
import { runtimeOf } from '../../server/runtime.ts';

export const prerender = false;

let key: SigningKey | undefined;

/**
 * The public updates, signed with the hub's Ed25519 key, for relays on local networks:
 * `{format, algorithm, keyId, document, signature}` with the signature over the exact bytes
 * of `document` (a JSON text). Never exercises.
 */
export const GET: APIRoute = async ({ locals }) => {
  const { config, services } = runtimeOf(locals);
  key ??= ensureSigningKey(config.dataDir);
  const { updates } = await loadUpdates(services.broadcasts, config, false);
  const envelope = signUpdates(
    buildUpdatesDocument(
      updates,
      await services.broadcasts.publishedCount(false),
      config.publicUrl,
      services.clock.now(),
    ),
    key.privateKey,
  );
  return new Response(JSON.stringify(envelope), {
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-cache' },
  });
};
