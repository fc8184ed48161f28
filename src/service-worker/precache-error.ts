import { BakenError } from '../errors/baken-error.ts';

/** Slugs for what can stop the service-worker build. */
export type PrecacheErrorCode =
  | 'precache-budget-exceeded'
  | 'precache-warning'
  | 'precache-limits-invalid'
  | 'service-worker-bundle-invalid';

/** A file in the precache with its size in bytes. */
export interface PrecacheFile {
  url: string;
  size: number;
}

/**
 * The precache cannot be built as asked. `largestFiles` names the biggest files when the
 * total is over budget, so the message says where to look.
 */
export class PrecacheError extends BakenError {
  declare readonly code: PrecacheErrorCode;
  readonly largestFiles: PrecacheFile[];

  constructor(code: PrecacheErrorCode, message: string, largestFiles: PrecacheFile[] = []) {
    super(code, message);
    this.largestFiles = largestFiles;
  }
}
