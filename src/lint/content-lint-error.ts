import { BakenError } from '../errors/baken-error.ts';
import type { LintProblem } from './types.ts';

/** Raised when content has problems; the message lists one line per file and field. */
export class ContentLintError extends BakenError {
  readonly problems: LintProblem[];

  constructor(problems: LintProblem[]) {
    const lines = problems.map((p) => `  ${p.file} › ${p.field}: ${p.message}`);
    super(
      'content-lint-failed',
      `De inhoud heeft ${problems.length === 1 ? '1 probleem' : `${problems.length} problemen`}:\n${lines.join('\n')}`,
    );
    this.problems = problems;
  }
}
