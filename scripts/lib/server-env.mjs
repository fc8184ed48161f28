/**
 * The environment `npm start` gives the server: demo mode unless BAKEN_DEMO says otherwise (a
 * fresh database gets two coordinators with generated passwords), and no worker of its own
 * with `--web-only` — `npm start --web-only` (npm hands that over as npm_config_web_only) or
 * `npm start -- --web-only` — for web processes behind a proxy (docs/scale-out.md).
 *
 * @param {string[]} args the arguments after the script
 * @param {NodeJS.ProcessEnv} env
 * @returns {NodeJS.ProcessEnv}
 */
export function serverEnv(args, env) {
  const webOnly = args.includes('--web-only') || env.npm_config_web_only === 'true';
  return { ...env, BAKEN_DEMO: env.BAKEN_DEMO ?? '1', ...(webOnly && { BAKEN_WORKER: '0' }) };
}
