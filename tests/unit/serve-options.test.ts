import { describe, expect, it } from 'vitest';
import { DEFAULT_HOST, DEFAULT_PORT, parseServeOptions, ServeOptionsError } from '../../src/bundle/serve-options.ts';

describe('parseServeOptions (node serve.mjs [port])', () => {
  it('serves the local network on port 8080 by default', () => {
    expect(parseServeOptions([], {})).toEqual({ port: DEFAULT_PORT, host: DEFAULT_HOST });
    expect(DEFAULT_HOST).toBe('0.0.0.0');
  });

  it('takes the port from the command line and the address from HOST', () => {
    expect(parseServeOptions(['3000'], { HOST: '127.0.0.1' })).toEqual({ port: 3000, host: '127.0.0.1' });
    expect(parseServeOptions(['0'], {}).port).toBe(0);
  });

  it('refuses anything that is not one port number, in Dutch with the right command', () => {
    for (const args of [['acht'], ['80.5'], ['-1'], ['70000'], ['8080', '8081']]) {
      expect(() => parseServeOptions(args, {}), args.join(' ')).toThrow(ServeOptionsError);
      expect(() => parseServeOptions(args, {}), args.join(' ')).toThrow(/node serve\.mjs 8080/);
    }
  });
});
