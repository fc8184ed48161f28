import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { contentDir } from './catalog/content-dir.ts';
import { noodkaartSchema } from './schemas/noodkaart.ts';
import { scenarioSchema } from './schemas/scenario.ts';
import { scriptSchema } from './schemas/script.ts';
import { sectorSchema } from './schemas/sector.ts';

const base = contentDir();
const markdownIn = (folder: string) => glob({ pattern: ['*.md', '!README.md'], base: `${base}/${folder}` });

export const collections = {
  sectors: defineCollection({ loader: markdownIn('sectors'), schema: sectorSchema }),
  scenarios: defineCollection({ loader: markdownIn('scenarios'), schema: scenarioSchema }),
  scripts: defineCollection({ loader: markdownIn('scripts'), schema: scriptSchema }),
  noodkaarten: defineCollection({ loader: markdownIn('noodkaarten'), schema: noodkaartSchema }),
};
