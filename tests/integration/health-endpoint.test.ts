import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/free-port.ts';
import { type RunningHub, startHub } from '../helpers/hub-server.ts';

// The real server with its own worker: /api/health says whether the worker and each provider
// are alive, without any secret; the metrics are on their own port, not on the site.
let hub: RunningHub;
let metricsPort: number;

beforeAll(async () => {
  metricsPort = await freePort();
  hub = await startHub({
    env: {
      BAKEN_SMTP_URL: 'smtp://baken:geheim-wachtwoord@127.0.0.1:9/',
      BAKEN_METRICS_PORT: String(metricsPort),
      BAKEN_WORKER: '1',
    },
  });
}, 60_000);

afterAll(async () => {
  await hub?.stop();
});

describe('/api/health and the metrics port', () => {
  it('reports the worker alive and each provider by name, with no address or password', async () => {
    let body: { status: string; worker?: { alive: boolean }; providers?: Array<{ name: string; state: string }> } = {
      status: '',
    };
    await expect
      .poll(
        async () => {
          const response = await fetch(`${hub.url}/api/health`);
          const text = await response.text();
          expect(response.headers.get('cache-control')).toBe('no-store');
          expect(text).not.toMatch(/geheim|127\.0\.0\.1:9|smtp:\/\//);
          body = JSON.parse(text) as typeof body;
          return body.worker?.alive;
        },
        { timeout: 30_000, interval: 500 },
      )
      .toBe(true);
    expect(body.status).toBe('ok');
    expect(body.providers?.map((p) => p.name).sort()).toEqual(['smtp-1', 'spool-sms']);
    expect(body.providers?.every((p) => p.state === 'ok')).toBe(true);
  });

  it('serves Prometheus metrics on the metrics port only', async () => {
    const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    expect(text).toContain('# TYPE baken_outbox_messages gauge');
    expect(text).toContain('baken_provider_breaker_state{provider="smtp-1",channel="email"} 0');
    expect((await fetch(`${hub.url}/metrics`)).status).toBe(404);
  });
});
