import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from './hub-server.ts';
import { startNginx } from './nginx.ts';
import { present } from './present.ts';

export interface RunningTlsProxy {
  url: string;
  /** The self-signed certificate (PEM), for clients that should trust it. */
  certificate: string;
  stop: () => Promise<void>;
}

/** The first `server { … }` block for port 443 in docs/deployment.md: the configuration people copy. */
export function documentedServerBlock(): string {
  const doc = readFileSync(join(projectRoot, 'docs', 'deployment.md'), 'utf8');
  const block = [...doc.matchAll(/```nginx\n([\s\S]*?)```/g)]
    .map((m) => present(m[1], 'the text of an nginx block'))
    .find((b) => b.includes('listen 443 ssl'));
  if (!block) throw new Error('docs/deployment.md has no nginx server block for port 443');
  return block;
}

/**
 * Runs Debian's nginx with the documented TLS server block in front of `upstream`
 * (host:port), on 127.0.0.1:`port` with a fresh self-signed certificate.
 */
export async function startTlsProxy(upstream: string, port: number): Promise<RunningTlsProxy> {
  const certs = mkdtempSync(join(tmpdir(), 'baken-tls-'));
  const key = join(certs, 'key.pem');
  const cert = join(certs, 'cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ],
    { stdio: 'ignore', timeout: 30_000 },
  );
  const server = documentedServerBlock()
    .replace(/listen 443 ssl;/, `listen 127.0.0.1:${port} ssl;`)
    .replace(/\s*listen \[::\]:443 ssl;/, '')
    .replace(/ssl_certificate\s+\S+;/, `ssl_certificate ${cert};`)
    .replace(/ssl_certificate_key\s+\S+;/, `ssl_certificate_key ${key};`)
    .replace(/proxy_pass http:\/\/127\.0\.0\.1:4321;/, `proxy_pass http://${upstream};`);
  // nginx's master reads the key and certificate as root before its workers start.
  const nginx = await startNginx(server, port).catch((error: unknown) => {
    rmSync(certs, { recursive: true, force: true });
    throw error;
  });
  return {
    url: `https://127.0.0.1:${port}`,
    certificate: readFileSync(cert, 'utf8'),
    stop: async () => {
      await nginx.stop();
      rmSync(certs, { recursive: true, force: true });
    },
  };
}
