// The services of the web process, made on first use. Imported by on-demand pages and the
// API only (it uses Astro's content collection for the scripts).
import { getCollection } from 'astro:content';
import { toComposable, type ComposableScript, type ScriptSource } from './broadcast/script-source.ts';
import { systemClock } from './clock.ts';
import { loadConfig, type ServerConfig } from './config.ts';
import { createServices, type Services } from './services.ts';

const astroScripts: ScriptSource = {
  async list(): Promise<ComposableScript[]> {
    return (await getCollection('scripts')).map((entry) => toComposable(entry.id, entry.data, entry.body ?? ''));
  },
  async get(slug) {
    return (await this.list()).find((script) => script.slug === slug);
  },
};

let current: { config: ServerConfig; services: Services } | undefined;

export function runtime(): { config: ServerConfig; services: Services } {
  if (!current) {
    const config = loadConfig(process.env, process.cwd());
    current = { config, services: createServices({ databasePath: config.databasePath, clock: systemClock, scripts: astroScripts }) };
  }
  return current;
}
