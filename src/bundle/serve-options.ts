import { BakenError } from '../errors/baken-error.ts';

/** Port when none is given on the command line. */
export const DEFAULT_PORT = 8080;
/** Address when HOST is not set: every network interface, so the local network can connect. */
export const DEFAULT_HOST = '0.0.0.0';

export interface ServeOptions {
  port: number;
  host: string;
}

/** The command line of serve.mjs is wrong; the message says how to call it. */
export class ServeOptionsError extends BakenError {
  constructor(message: string) {
    super('serve-options-invalid', message);
  }
}

/**
 * Reads `node serve.mjs [port]` and the HOST variable. Throws a `ServeOptionsError` with a
 * Dutch message that shows the right command.
 */
export function parseServeOptions(args: readonly string[], env: Record<string, string | undefined>): ServeOptions {
  const [portText, ...rest] = args;
  if (rest.length > 0)
    throw new ServeOptionsError(`Geef alleen een poortnummer, bijvoorbeeld: node serve.mjs ${DEFAULT_PORT}`);
  const port = portText === undefined ? DEFAULT_PORT : /^\d{1,5}$/.test(portText) ? Number(portText) : Number.NaN;
  if (!Number.isInteger(port) || port > 65535) {
    throw new ServeOptionsError(
      `"${portText}" is geen poortnummer. Gebruik een getal tot 65535, bijvoorbeeld: node serve.mjs ${DEFAULT_PORT}`,
    );
  }
  return { port, host: env.HOST || DEFAULT_HOST };
}
