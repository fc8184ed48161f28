// Build time: wall time of `astro build` for the demo content and for a generated corpus of
// 2,000 scripts, both into temp folders so the real dist/ and Astro cache are untouched.
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { root } from '../scripts/lib/tasks.mjs';
import { table, times } from './lib/format.mjs';
import { htmlPages } from './lib/html-pages.mjs';

const SCRIPT_COUNT = 2000;
// 2,000 script pages are far over the 5 MB precache budget, and the JSON export over the 2 MB
// per-file limit: a site this size has to raise both on purpose, as this benchmark does.
const GENERATED_PRECACHE_LIMITS = { BAKEN_PRECACHE_BUDGET_MB: '64', BAKEN_PRECACHE_MAX_FILE_MB: '8' };
// Collections and files copied unchanged into the generated corpus; scripts/ is generated.
const COPIED = ['sectors', 'scenarios', 'noodkaarten', 'synoniemen.txt'];

export const title = `Build time: demo content vs ${SCRIPT_COUNT.toLocaleString('en')} generated scripts`;

/** Builds the demo content, then the generated corpus, and compares their wall times. */
export async function measure() {
  const work = mkdtempSync(join(tmpdir(), 'baken-bench-build-'));
  try {
    // Astro runs the prerender chunks from the outDir, and they import packages by name: without
    // a node_modules above the outDir the build fails with "Cannot find package". rmSync below
    // removes this link without following it.
    symlinkSync(join(root, 'node_modules'), join(work, 'node_modules'), 'junction');
    const demo = await timedBuild(join(root, 'content'), join(work, 'demo'));
    const generatedContent = join(work, 'generated', 'content');
    generateCorpus(generatedContent, SCRIPT_COUNT);
    const generated = await timedBuild(generatedContent, join(work, 'generated'), GENERATED_PRECACHE_LIMITS);
    return { demo, generated, ratioToDemo: generated.seconds / demo.seconds };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Renders both builds as a table, with the generated build as a ratio to the demo build. */
export function report(result) {
  const row = (label, build) => [
    label,
    build.scripts,
    build.pages,
    `${build.seconds.toFixed(1)} s`,
    `${build.msPerPage.toFixed(1)} ms`,
    times(build.seconds / result.demo.seconds, 'demo', 1),
  ];
  return table(
    ['content', 'scripts', 'pages built', 'wall time', 'per page', 'vs demo'],
    [row('demo (content/)', result.demo), row('generated corpus', result.generated)],
  );
}

/** Runs `astro build` for one content folder into `workDir` and times it. */
async function timedBuild(contentDir, workDir, env = {}) {
  const outDir = join(workDir, 'dist');
  const start = performance.now();
  await astroBuild(outDir, {
    BAKEN_CONTENT_DIR: contentDir,
    BAKEN_ASTRO_CACHE_DIR: join(workDir, 'cache'),
    ASTRO_TELEMETRY_DISABLED: '1',
    ...env,
  });
  const seconds = (performance.now() - start) / 1000;
  const pages = htmlPages(join(outDir, 'client')).length;
  const scripts = readdirSync(join(contentDir, 'scripts')).filter(isContentFile).length;
  return { scripts, pages, seconds, msPerPage: (seconds * 1000) / pages };
}

/** Spawns `astro build` with its output captured; prints that output only when the build fails. */
function astroBuild(outDir, env) {
  return new Promise((resolvePromise, reject) => {
    // process.execPath is the pinned Node that scripts/use-node.mjs started this benchmark with.
    const child = spawn(
      process.execPath,
      [join(root, 'node_modules', 'astro', 'bin', 'astro.mjs'), 'build', '--outDir', outDir],
      {
        cwd: root,
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const stdout = [];
    const stderr = [];
    child.stdout.on('data', (chunk) => stdout.push(chunk));
    child.stderr.on('data', (chunk) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0) return resolvePromise();
      process.stdout.write(Buffer.concat(stdout));
      process.stderr.write(Buffer.concat(stderr));
      reject(new Error(`astro build for ${env.BAKEN_CONTENT_DIR} stopped with ${signal ?? `code ${code}`}`));
    });
  });
}

/**
 * Writes a content folder with the demo sectors, scenarios, noodkaarten and synonyms and `count` scripts
 * made from the demo scripts round-robin, each with a unique file name and title.
 */
function generateCorpus(contentDir, count) {
  for (const name of COPIED) {
    cpSync(join(root, 'content', name), join(contentDir, name), { recursive: true });
  }
  const templateDir = join(root, 'content', 'scripts');
  const templates = readdirSync(templateDir)
    .filter(isContentFile)
    .sort()
    .map((name) => ({ slug: basename(name, '.md'), source: readFileSync(join(templateDir, name), 'utf8') }));
  const templateIndex = new Map(templates.map((template, index) => [template.slug, index]));
  const slugOf = (index) => `gen-${String(index + 1).padStart(4, '0')}-${templates[index % templates.length].slug}`;

  // A link to demo script X from copy `index` goes to the copy of X in the same round of
  // templates, or in the first round when the last round is too short to hold it.
  const linkTarget = (index, targetSlug) => {
    const template = templateIndex.get(targetSlug);
    if (template === undefined) return undefined;
    const sameRound = Math.floor(index / templates.length) * templates.length + template;
    return slugOf(sameRound < count ? sameRound : template);
  };

  const scriptsDir = join(contentDir, 'scripts');
  mkdirSync(scriptsDir, { recursive: true });
  for (let index = 0; index < count; index++) {
    const { source } = templates[index % templates.length];
    const text = withTitleSuffix(source, ` (variant ${index + 1})`).replace(
      /\[([^\]]*)\]\(\/lijnen\/([a-z0-9-]+)\/([^)]*)\)/g,
      (_, label, targetSlug, rest) => {
        const target = linkTarget(index, targetSlug);
        // A link to a script that is not in the corpus would fail the content lint: keep the text only.
        return target === undefined ? label : `[${label}](/lijnen/${target}/${rest})`;
      },
    );
    writeFileSync(join(scriptsDir, `${slugOf(index)}.md`), text);
  }
}

/** Appends `suffix` to the frontmatter title, inside the quotes when the title is quoted. */
function withTitleSuffix(source, suffix) {
  return source.replace(/^title:[ \t]*(.*?)[ \t]*$/m, (_, value) =>
    /^(["']).*\1$/.test(value) ? `title: ${value.slice(0, -1)}${suffix}${value.at(-1)}` : `title: ${value}${suffix}`,
  );
}

function isContentFile(name) {
  return name.endsWith('.md') && name.toLowerCase() !== 'readme.md';
}
