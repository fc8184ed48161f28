import type { AstroIntegration } from 'astro';
import { ContentLintError } from '../lint/content-lint-error.ts';
import { lintContent } from '../lint/lint-content.ts';
import { readContentFs } from '../lint/read-content-fs.ts';

/** Runs the content lint before Astro builds or serves, and stops on any problem. */
export function contentLint(options: { contentDir: string; projectRoot: string }): AstroIntegration {
  return {
    name: 'baken:content-lint',
    hooks: {
      'astro:config:setup': ({ logger }) => {
        const files = readContentFs(options.contentDir, options.projectRoot);
        const { problems } = lintContent(files);
        if (problems.length > 0) {
          for (const p of problems) logger.error(`${p.file} › ${p.field}: ${p.message}`);
          throw new ContentLintError(problems);
        }
        logger.info(`${files.length} inhoudsbestanden gecontroleerd: geen problemen`);
      },
    },
  };
}
