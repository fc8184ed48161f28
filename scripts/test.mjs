// `npm test`: install what the tests need, type-check, build the site, run the whole suite, and end
// with the line "N passed, N failed" that CI reads.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureSystemPackages } from './lib/system-packages.mjs';
import { build, ensureDependencies, main, root, run, typeCheck } from './lib/tasks.mjs';

main(async () => {
  await ensureDependencies();
  await ensureSystemPackages();
  await typeCheck();
  await build();

  const reportDir = mkdtempSync(join(tmpdir(), 'baken-test-'));
  const report = join(reportDir, 'vitest.json');
  let failure;
  try {
    await run(join(root, 'node_modules', '.bin', 'vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)]);
  } catch (error) {
    failure = error;
  }
  let summary;
  try {
    const result = JSON.parse(readFileSync(report, 'utf8'));
    summary = `${result.numPassedTests} passed, ${result.numFailedTests} failed, ${result.numPendingTests + result.numTodoTests} skipped`;
  } catch {
    summary = '0 passed, 1 failed';
    console.error('Baken: het testrapport ontbreekt; de testrun is vastgelopen.');
  }
  rmSync(reportDir, { recursive: true, force: true });
  console.log(summary);
  if (failure) process.exit(1);
});
