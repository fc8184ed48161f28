import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningProcess, startProcess } from './child-process.ts';
import { waitFor } from './wait-for.ts';

// Debian package nginx.
const NGINX = '/usr/sbin/nginx';

export interface RunningNginx {
  url: string;
  output(): string;
  stop(): Promise<void>;
}

/**
 * Runs Debian's nginx in the foreground with `serverConfig` (a file for conf.d/) inside a
 * minimal main configuration of our own: pid, logs and temp folders in a temp folder, workers
 * as nobody when we are root. Resolves once `url` answers; stop() ends it and deletes the folder.
 */
export async function startNginx(serverConfig: string, port: number): Promise<RunningNginx> {
  const folder = mkdtempSync(join(tmpdir(), 'baken-nginx-'));
  // nginx workers (nobody) create their temp folders under it.
  chmodSync(folder, 0o755);
  writeFileSync(join(folder, 'baken.conf'), serverConfig);
  writeFileSync(
    join(folder, 'nginx.conf'),
    `daemon off;
worker_processes 1;
${process.getuid?.() === 0 ? 'user nobody nogroup;' : ''}
pid ${join(folder, 'nginx.pid')};
error_log ${join(folder, 'error.log')} warn;
events { worker_connections 128; }
http {
    access_log off;
    client_body_temp_path ${join(folder, 'body')};
    proxy_temp_path ${join(folder, 'proxy')};
    fastcgi_temp_path ${join(folder, 'fastcgi')};
    uwsgi_temp_path ${join(folder, 'uwsgi')};
    scgi_temp_path ${join(folder, 'scgi')};
    include ${join(folder, 'baken.conf')};
}
`,
  );
  const server: RunningProcess = startProcess(NGINX, [
    '-p',
    folder,
    '-c',
    join(folder, 'nginx.conf'),
    '-e',
    join(folder, 'error.log'),
  ]);
  const stop = async () => {
    await server.stop('SIGQUIT', 5000);
    rmSync(folder, { recursive: true, force: true });
  };
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitFor(
      'nginx to answer',
      async () => {
        if (server.child.exitCode !== null) throw new Error(`nginx stopped:\n${server.output()}`);
        return fetch(`${url}/`, { method: 'HEAD' }).then(
          () => true,
          () => undefined,
        );
      },
      15_000,
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, output: () => server.output(), stop };
}
