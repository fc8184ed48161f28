import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from './hub-server.ts';
import { waitFor } from './wait-for.ts';

export interface RunningNginx {
  url: string;
  /** The self-signed certificate (PEM), for clients that should trust it. */
  certificate: string;
  stop: () => Promise<void>;
}

/** The first `server { … }` block for port 443 in docs/deployment.md: the configuration people copy. */
export function documentedServerBlock(): string {
  const doc = readFileSync(join(projectRoot, 'docs', 'deployment.md'), 'utf8');
  const block = [...doc.matchAll(/```nginx\n([\s\S]*?)```/g)].map((m) => m[1]!).find((b) => b.includes('listen 443 ssl'));
  if (!block) throw new Error('docs/deployment.md has no nginx server block for port 443');
  return block;
}

/**
 * Runs Debian's nginx (`/usr/sbin/nginx`) with the documented server block in front of
 * `upstream` (host:port), on 127.0.0.1:`port` with a fresh self-signed certificate, all
 * files in a temporary prefix. Single process, in the foreground, stopped with SIGQUIT.
 */
export async function startNginx(upstream: string, port: number): Promise<RunningNginx> {
  const prefix = mkdtempSync(join(tmpdir(), 'baken-nginx-'));
  mkdirSync(join(prefix, 'logs'));
  const key = join(prefix, 'key.pem');
  const cert = join(prefix, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore', timeout: 30_000 });
  const server = documentedServerBlock()
    .replace(/listen 443 ssl;/, `listen 127.0.0.1:${port} ssl;`)
    .replace(/\s*listen \[::\]:443 ssl;/, '')
    .replace(/ssl_certificate\s+\S+;/, `ssl_certificate ${cert};`)
    .replace(/ssl_certificate_key\s+\S+;/, `ssl_certificate_key ${key};`)
    .replace(/proxy_pass http:\/\/127\.0\.0\.1:4321;/, `proxy_pass http://${upstream};`);
  const temp = (name: string) => join(prefix, name);
  writeFileSync(
    join(prefix, 'nginx.conf'),
    `daemon off;
master_process off;
pid ${temp('nginx.pid')};
error_log ${temp('logs/error.log')} warn;
events { worker_connections 256; }
http {
  access_log ${temp('logs/access.log')};
  client_body_temp_path ${temp('client_body')};
  proxy_temp_path ${temp('proxy')};
  fastcgi_temp_path ${temp('fastcgi')};
  uwsgi_temp_path ${temp('uwsgi')};
  scgi_temp_path ${temp('scgi')};
${server}
}
`,
  );
  const child: ChildProcess = spawn('/usr/sbin/nginx', ['-p', prefix, '-c', join(prefix, 'nginx.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const url = `https://127.0.0.1:${port}`;
  await waitFor(
    'nginx to start',
    () => {
      if (child.exitCode !== null) throw new Error(`nginx exited: ${errors}`);
      return existsSync(temp('nginx.pid')) ? true : undefined;
    },
    15_000,
  );
  return {
    url,
    certificate: readFileSync(cert, 'utf8'),
    stop: () =>
      new Promise<void>((resolve) => {
        const done = () => {
          rmSync(prefix, { recursive: true, force: true });
          resolve();
        };
        if (child.exitCode !== null || child.signalCode !== null) return done();
        const kill = setTimeout(() => child.kill('SIGKILL'), 5_000);
        child.once('exit', () => {
          clearTimeout(kill);
          done();
        });
        child.kill('SIGQUIT');
      }),
  };
}
