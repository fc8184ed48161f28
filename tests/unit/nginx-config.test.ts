import { describe, expect, it } from 'vitest';
import { nginxOptionsFromEnv } from '../../src/nginx/nginx-options.ts';
import { onDemandLocations } from '../../src/nginx/on-demand-locations.ts';
import { NginxConfigError, type NginxConfigInput, renderNginxConfig } from '../../src/nginx/render-nginx-config.ts';

const input: NginxConfigInput = {
  root: '/srv/baken/dist/client',
  upstream: ['127.0.0.1:4321', '10.0.0.2:4321'],
  listenPort: 8080,
  securityHeaders: { 'X-Frame-Options': 'DENY' },
  contentTypes: new Map([['.html', 'text/html; charset=utf-8']]),
  hashedPrefix: '/_astro/',
  proxyLocations: [{ match: '^~', path: '/coordinator/' }],
};

describe('onDemandLocations', () => {
  it('turns each route that is not prebuilt into the narrowest nginx location', () => {
    const routes = [
      { pattern: '/coordinator', type: 'page', isPrerendered: false, origin: 'project' },
      { pattern: '/coordinator/berichten/[id]', type: 'page', isPrerendered: false, origin: 'project' },
      { pattern: '/api/broadcasts/[id]/approve', type: 'endpoint', isPrerendered: false, origin: 'project' },
      { pattern: '/api/broadcasts/[id]/cancel', type: 'endpoint', isPrerendered: false, origin: 'project' },
      { pattern: '/feeds/actueel.atom', type: 'endpoint', isPrerendered: false, origin: 'project' },
      { pattern: '/matrix', type: 'page', isPrerendered: true, origin: 'project' },
      { pattern: '/_image', type: 'endpoint', isPrerendered: false, origin: 'internal' },
    ];
    expect(onDemandLocations(routes)).toEqual([
      { match: '^~', path: '/api/broadcasts/' },
      { match: '=', path: '/coordinator' },
      { match: '^~', path: '/coordinator/' },
      { match: '=', path: '/feeds/actueel.atom' },
    ]);
  });
});

describe('renderNginxConfig', () => {
  it('lists every Node process in the upstream and adds the security headers to static files', () => {
    const config = renderNginxConfig(input);
    expect(config).toContain('    server 127.0.0.1:4321;\n    server 10.0.0.2:4321;');
    expect(config).toContain('listen 8080;');
    expect(config).toContain('add_header X-Frame-Options "DENY" always;');
    expect(config).toContain('location ^~ /coordinator/ {\n        proxy_pass http://baken;');
    expect(config).toContain('"text/html; charset=utf-8" html;');
  });

  it('refuses values nginx would read as a variable or a quote, and bad upstream addresses', () => {
    expect(() => renderNginxConfig({ ...input, securityHeaders: { 'X-Test': 'a$host' } })).toThrow(NginxConfigError);
    expect(() => renderNginxConfig({ ...input, securityHeaders: { 'X-Test': 'a"; evil' } })).toThrow(NginxConfigError);
    expect(() => renderNginxConfig({ ...input, upstream: ['127.0.0.1:4321; include /etc/passwd'] })).toThrow(
      /host:poort/,
    );
    expect(() => renderNginxConfig({ ...input, upstream: [] })).toThrow(NginxConfigError);
  });
});

describe('nginxOptionsFromEnv', () => {
  it('defaults to the address npm start uses and reads a list of web processes', () => {
    expect(nginxOptionsFromEnv({})).toEqual({ upstream: ['127.0.0.1:4321'], listenPort: 80 });
    expect(
      nginxOptionsFromEnv({ BAKEN_NGINX_UPSTREAM: '10.0.0.1:4321, 10.0.0.2:4321', BAKEN_NGINX_PORT: '8080' }),
    ).toEqual({
      upstream: ['10.0.0.1:4321', '10.0.0.2:4321'],
      listenPort: 8080,
    });
    expect(() => nginxOptionsFromEnv({ BAKEN_NGINX_PORT: 'tachtig' })).toThrow(
      'BAKEN_NGINX_PORT moet een poortnummer zijn',
    );
  });
});
