// `npm start`: install what is missing, build, and serve the hub with its demo content.
import { spawn } from 'node:child_process';
import { serverEnv } from './lib/server-env.mjs';
import { build, ensureDependencies, main, root } from './lib/tasks.mjs';

main(async () => {
  await ensureDependencies();
  await build();
  const env = serverEnv(process.argv.slice(2), process.env);
  const server = spawn(process.execPath, ['src/server/main.ts'], { stdio: 'inherit', cwd: root, env });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
  server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
});
