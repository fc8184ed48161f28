import { BakenError } from '../errors/baken-error.ts';

/**
 * Runs one start-up step of a process (`npm start`, `npm run worker`, the CLI). A BakenError —
 * a wrong setting, a database that does not answer, another secret.key — ends the process
 * with its Dutch message and exit code 2, not a stack trace; anything else is a bug and is
 * thrown as it is.
 */
export async function startupStep<T>(step: () => T | Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (!(error instanceof BakenError)) throw error;
    console.error(`Baken: ${error.message}`);
    process.exit(2);
  }
}
