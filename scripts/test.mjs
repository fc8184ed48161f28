// `npm test`: install what the tests need, lint, check the layers, type-check, build the site, run the
// whole suite with coverage, and end with the line "N passed, N failed" that CI reads. A lint or layer
// violation counts as one failed test each, so the suite fails on it.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureSystemPackages } from './lib/system-packages.mjs';
import { build, checkLayers, ensureDependencies, lint, main, root, run, typeCheck } from './lib/tasks.mjs';

main(async () => {
  await ensureDependencies();
  await ensureSystemPackages();
  const failedChecks = [];
  for (const [name, check] of [
    ['lint', lint],
    ['layers', checkLayers],
  ]) {
    try {
      await check();
    } catch (error) {
      console.error(`Baken: ${error.message}`);
      failedChecks.push(name);
    }
  }
  await typeCheck();
  await build();

  const reportDir = mkdtempSync(join(tmpdir(), 'baken-test-'));
  const report = join(reportDir, 'vitest.json');
  let failure;
  try {
    await run(join(root, 'node_modules', '.bin', 'vitest'), [
      'run',
      '--coverage',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${report}`,
      ...process.argv.slice(2),
    ]);
  } catch (error) {
    failure = error;
  }
  let summary;
  try {
    const result = JSON.parse(readFileSync(report, 'utf8'));
    summary = `${result.numPassedTests} passed, ${result.numFailedTests + failedChecks.length} failed, ${result.numPendingTests + result.numTodoTests} skipped`;
  } catch {
    summary = '0 passed, 1 failed';
    console.error('Baken: het testrapport ontbreekt; de testrun is vastgelopen.');
  }
  rmSync(reportDir, { recursive: true, force: true });
  if (failedChecks.length > 0) console.error(`Baken: niet geslaagd: ${failedChecks.join(', ')}.`);
  console.log(summary);
  if (failure || failedChecks.length > 0) process.exit(1);
});
