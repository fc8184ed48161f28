import { BakenError } from '../errors/baken-error.ts';
import type { ProxyLocation } from './on-demand-locations.ts';

/** A value cannot be written into the nginx configuration safely. */
export class NginxConfigError extends BakenError {}

export interface NginxConfigInput {
  /** Absolute path of the prebuilt site: `dist/live`, the link to `client/` or to the release a rebuild swapped in. */
  root: string;
  /** `host:port` of each Node web process (`npm start` with BAKEN_WORKER=0). */
  upstream: readonly string[];
  /** Port nginx listens on. */
  listenPort: number;
  /** Headers Baken's own server sends with every response (src/server/security-headers.ts). */
  securityHeaders: Readonly<Record<string, string>>;
  /** Content-Type per file extension found in the build (src/server/content-types.ts). */
  contentTypes: ReadonlyMap<string, string>;
  /** URL prefix of the content-hashed assets that never change. */
  hashedPrefix: string;
  /** Routes rendered on demand, sent straight to the Node processes. */
  proxyLocations: readonly ProxyLocation[];
}

/** Quotes a value for nginx; refuses what nginx would read as a variable, an escape or a line end. */
function quote(value: string): string {
  if (/["\\$\r\n]/.test(value)) {
    throw new NginxConfigError('nginx-value-unsafe', `Deze waarde past niet veilig in de nginx-configuratie: ${value}`);
  }
  return `"${value}"`;
}

/**
 * Writes the nginx configuration (an `upstream` and a `server` block, for
 * /etc/nginx/conf.d/) that serves the prebuilt site as Baken's own server does: the same
 * security headers, the gzip variants the build wrote, the same Cache-Control rules; and
 * sends on-demand routes, and anything that is not a file, to the Node processes.
 */
export function renderNginxConfig(input: NginxConfigInput): string {
  if (input.upstream.length === 0)
    throw new NginxConfigError(
      'nginx-upstream-empty',
      'Geef minstens één Node-proces op voor nginx (BAKEN_NGINX_UPSTREAM).',
    );
  for (const server of input.upstream) {
    if (!/^[A-Za-z0-9.-]+:\d{1,5}$|^\[[0-9A-Fa-f:]+\]:\d{1,5}$/.test(server)) {
      throw new NginxConfigError(
        'nginx-upstream-invalid',
        `"${server}" is geen adres in de vorm host:poort (BAKEN_NGINX_UPSTREAM).`,
      );
    }
  }
  for (const name of Object.keys(input.securityHeaders)) {
    if (!/^[A-Za-z0-9-]+$/.test(name))
      throw new NginxConfigError('nginx-value-unsafe', `Deze kopregel past niet in de nginx-configuratie: ${name}`);
  }
  const headers = (cacheControl: string) =>
    [...Object.entries(input.securityHeaders), ['Cache-Control', cacheControl] as const]
      .map(([name, value]) => `        add_header ${name} ${quote(value)} always;`)
      .join('\n');
  const types = [...input.contentTypes]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([extension, type]) => `        ${quote(type)} ${extension.replace(/^\./, '')};`)
    .join('\n');
  const proxied = input.proxyLocations
    .map((location) => `    location ${location.match} ${location.path} {\n        proxy_pass http://baken;\n    }`)
    .join('\n');

  return `# Written by "npm run build" (src/integrations/nginx-config.ts): do not edit, build again.
# Put this file in /etc/nginx/conf.d/. Prebuilt pages come from disk; everything else goes to
# the Node processes in the upstream below (npm start with BAKEN_WORKER=0, one per line).

upstream baken {
${input.upstream.map((server) => `    server ${server};`).join('\n')}
    keepalive 16;
}

server {
    listen ${input.listenPort};
    root ${quote(input.root)};
    # Redirects (/x → /x/) keep the scheme and host the browser used, behind any proxy.
    absolute_redirect off;
    server_tokens off;
    charset off;

    # The build wrote a .gz file next to every text file; nginx sends it to browsers that accept
    # gzip. (The .br files are for Baken's own server: Debian's nginx has no brotli_static.)
    gzip_static on;
    gzip_vary on;

    types {
${types}
    }
    default_type application/octet-stream;

    proxy_http_version 1.1;
    proxy_set_header Connection "";
    proxy_set_header Host $host;
    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    proxy_set_header X-Forwarded-Proto $scheme;

    # Rendered on demand (derived from the build: every route that is not prebuilt).
${proxied}

    # Content-hashed assets never change.
    location ^~ ${input.hashedPrefix} {
${headers('public, max-age=31536000, immutable')}
        try_files $uri @baken;
    }

    # Prebuilt pages: revalidated on every visit (ETag), so an update shows at once.
    location / {
${headers('no-cache')}
        try_files $uri $uri/ @baken;
        # A form post to a prebuilt path is for the Node processes, as on Baken's own server.
        error_page 405 = @baken;
    }

    # Hidden files are never served from disk; Baken answers them (with its 404 page).
    location ~ /\\.(?!well-known/) {
        proxy_pass http://baken;
    }

    location @baken {
        proxy_pass http://baken;
    }
}
`;
}
