import { NginxConfigError } from './render-nginx-config.ts';

/** Where the written nginx configuration listens and which Node processes it sends to. */
export interface NginxOptions {
  upstream: string[];
  listenPort: number;
}

/**
 * Reads BAKEN_NGINX_UPSTREAM (comma-separated `host:port` of the Node web processes; default
 * the HOST:PORT that `npm start` uses) and BAKEN_NGINX_PORT (default 80) at build time.
 */
export function nginxOptionsFromEnv(env: Record<string, string | undefined>): NginxOptions {
  const upstream = (env.BAKEN_NGINX_UPSTREAM || `${env.HOST || '127.0.0.1'}:${env.PORT || '4321'}`)
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  const port = Number(env.BAKEN_NGINX_PORT || '80');
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new NginxConfigError(
      'nginx-port-invalid',
      'BAKEN_NGINX_PORT moet een poortnummer zijn van 1 tot en met 65535.',
    );
  }
  return { upstream, listenPort: port };
}
