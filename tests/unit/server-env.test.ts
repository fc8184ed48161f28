import { describe, expect, it } from 'vitest';
import { serverEnv } from '../../scripts/lib/server-env.mjs';

describe('the environment npm start gives the server', () => {
  it('runs the demo with a worker by default', () => {
    expect(serverEnv([], { PATH: '/usr/bin' })).toEqual({ PATH: '/usr/bin', BAKEN_DEMO: '1' });
    expect(serverEnv([], { BAKEN_DEMO: '0' }).BAKEN_DEMO).toBe('0');
  });

  it('leaves the worker out with --web-only, however npm hands it over', () => {
    expect(serverEnv(['--web-only'], {}).BAKEN_WORKER).toBe('0');
    expect(serverEnv([], { npm_config_web_only: 'true' }).BAKEN_WORKER).toBe('0');
    expect(serverEnv([], {}).BAKEN_WORKER).toBeUndefined();
    expect(serverEnv([], { BAKEN_WORKER: '0' }).BAKEN_WORKER).toBe('0');
  });
});
