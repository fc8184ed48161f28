// Static serving: requests per second and latency of the hub's Node server against nginx,
// both serving the same dist/client (precompressed gzip variants, the same security and cache
// headers) on 127.0.0.1, each with one worker, loaded by wrk with the same request mix.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from '../scripts/lib/tasks.mjs';
import { SECURITY_HEADERS } from '../src/server/security-headers.ts';
import { freePort } from '../tests/helpers/free-port.ts';
import { startHub } from '../tests/helpers/hub-server.ts';
import { prebuiltSitemapPaths } from '../tests/helpers/sitemap.ts';
import { table, times } from './lib/format.mjs';
import { median } from './lib/median.mjs';

export const title = 'Static serving: Node server vs nginx (same files, 127.0.0.1, one worker each, wrk)';

/** Debian packages this measure drives. */
export const PACKAGES = { nginx: '/usr/sbin/nginx', wrk: '/usr/bin/wrk' };

const clientDir = join(root, 'dist', 'client');
const WRK = { threads: 1, connections: 16, warmup: '2s', duration: '5s' };
// Rounds alternate which server goes first; the medians smooth out other load on the machine.
const ROUNDS = 3;
// Both servers send the gzip variant: nginx has no brotli without an extra module.
const ACCEPT_ENCODING = 'gzip';

/** Loads the Node server, then nginx, with the same request mix, and compares them. */
export async function measure() {
  const work = mkdtempSync(join(tmpdir(), 'baken-bench-static-'));
  const hub = await startHub();
  let nginx;
  try {
    nginx = await startNginx(work);
    const paths = await requestMix(hub.url);
    await assertSameAnswers(hub.url, nginx.url, paths);
    const script = join(work, 'mix.lua');
    writeFileSync(script, wrkScript(paths));
    const runs = { node: [], nginx: [] };
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 === 0 ? ['node', 'nginx'] : ['nginx', 'node'];
      for (const name of order) runs[name].push(loadTest(name === 'node' ? hub.url : nginx.url, script));
    }
    return { paths: paths.length, wrk: WRK, rounds: ROUNDS, node: summarize(runs.node), nginx: summarize(runs.nginx) };
  } finally {
    await nginx?.stop();
    await hub.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

/** Renders both servers (medians over the rounds), the Node server as a ratio to nginx. */
export function report(result) {
  const ms = (value) => `${value.toFixed(2)} ms`;
  const rps = (value) => Math.round(value).toLocaleString('en');
  const row = (label, run, ratioRps, ratioP99) => [
    label,
    rps(run.rps),
    `${rps(run.minRps)}–${rps(run.maxRps)}`,
    ms(run.p50),
    ms(run.p99),
    ratioRps,
    ratioP99,
  ];
  return [
    table(
      ['server', 'requests/s', 'range', 'p50', 'p99', 'req/s vs nginx', 'p99 vs nginx'],
      [
        row('nginx (baseline)', result.nginx, times(1, 'nginx'), times(1, 'nginx')),
        row(
          'Node (src/server)',
          result.node,
          times(result.node.rps / result.nginx.rps, 'nginx'),
          times(result.node.p99 / result.nginx.p99, 'nginx'),
        ),
      ],
    ),
    '',
    `Medians of ${result.rounds} rounds of wrk -t${result.wrk.threads} -c${result.wrk.connections} -d${result.wrk.duration} (each after ${result.wrk.warmup} warm-up), ` +
      `${result.paths} paths in turn (pages, CSS, JS, sw.js, JSON, manifest), Accept-Encoding: ${ACCEPT_ENCODING}.`,
  ].join('\n');
}

function summarize(runs) {
  const all = runs.map((run) => run.rps);
  return {
    rps: median(all),
    minRps: Math.min(...all),
    maxRps: Math.max(...all),
    p50: median(runs.map((run) => run.p50)),
    p99: median(runs.map((run) => run.p99)),
  };
}

/** Every sitemap page plus the other files a visit loads. */
async function requestMix(baseUrl) {
  // Prebuilt pages only: nginx serves files, and the live pages are rendered on demand.
  const pages = await prebuiltSitemapPaths(baseUrl);
  const html = await (await fetch(`${baseUrl}/`)).text();
  const assets = [...html.matchAll(/(?:href|src)="(\/_astro\/[^"]+)"/g)].map((m) => m[1]);
  return [...pages, ...new Set(assets), '/sw.js', '/data/scripts.json', '/manifest.webmanifest', '/favicon.svg'];
}

/** Stops the comparison if the two servers do not send the same bytes and status. */
async function assertSameAnswers(nodeUrl, nginxUrl, paths) {
  for (const path of paths) {
    const init = { headers: { 'Accept-Encoding': ACCEPT_ENCODING } };
    const [a, b] = await Promise.all([fetch(`${nodeUrl}${path}`, init), fetch(`${nginxUrl}${path}`, init)]);
    const [bodyA, bodyB] = await Promise.all([a.arrayBuffer(), b.arrayBuffer()]);
    if (a.status !== 200 || b.status !== 200 || !Buffer.from(bodyA).equals(Buffer.from(bodyB))) {
      throw new Error(`Node and nginx answer ${path} differently (${a.status} vs ${b.status})`);
    }
  }
}

function wrkScript(paths) {
  return `local paths = { ${paths.map((p) => JSON.stringify(p)).join(', ')} }
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i], { ["Accept-Encoding"] = "${ACCEPT_ENCODING}" })
end
`;
}

/** Runs wrk once to warm up, then measures; fails on any error or non-2xx answer. */
function loadTest(baseUrl, script) {
  const wrk = (duration) => {
    const args = [
      `-t${WRK.threads}`,
      `-c${WRK.connections}`,
      `-d${duration}`,
      '--latency',
      '-s',
      script,
      `${baseUrl}/`,
    ];
    const result = spawnSync('wrk', args, { encoding: 'utf8', timeout: 60_000 });
    if (result.status !== 0) throw new Error(`wrk ${args.join(' ')} stopped: ${result.stderr}`);
    return result.stdout;
  };
  wrk(WRK.warmup);
  const output = wrk(WRK.duration);
  if (/Non-2xx or 3xx responses|Socket errors/.test(output))
    throw new Error(`wrk saw errors against ${baseUrl}:\n${output}`);
  const latency = (percent) => toMs(new RegExp(`^\\s*${percent}%\\s+([\\d.]+)(us|ms|s)\\s*$`, 'm').exec(output));
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(output)?.[1]);
  if (!Number.isFinite(rps)) throw new Error(`could not read wrk output:\n${output}`);
  return { rps, p50: latency(50), p99: latency(99) };
}

function toMs(match) {
  if (!match) throw new Error('wrk printed no latency distribution');
  const value = Number(match[1]);
  return match[2] === 'us' ? value / 1000 : match[2] === 's' ? value * 1000 : value;
}

/** Starts nginx in the foreground with a generated config in `work`; stop() ends it. */
async function startNginx(work) {
  const port = await freePort();
  const headers = Object.entries(SECURITY_HEADERS).map(([name, value]) => `    add_header ${name} "${value}" always;`);
  const conf = `
worker_processes 1;
daemon off;
pid ${work}/nginx.pid;
error_log ${work}/error.log warn;
${process.getuid?.() === 0 ? 'user root;' : ''}
events { worker_connections 1024; }
http {
  include /etc/nginx/mime.types;
  types { application/manifest+json webmanifest; text/javascript js; }
  default_type application/octet-stream;
  charset utf-8;
  charset_types text/html text/css text/javascript application/json application/manifest+json application/xml;
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  gzip_static on;
  gzip_vary on;
  client_body_temp_path ${work}/tmp/body;
  proxy_temp_path ${work}/tmp/proxy;
  fastcgi_temp_path ${work}/tmp/fastcgi;
  uwsgi_temp_path ${work}/tmp/uwsgi;
  scgi_temp_path ${work}/tmp/scgi;
  map $uri $cache_control {
    ~^/_astro/ "public, max-age=31536000, immutable";
    default "no-cache";
  }
  server {
    listen 127.0.0.1:${port};
    root ${clientDir};
${headers.join('\n')}
    add_header Cache-Control $cache_control always;
    location / { try_files $uri $uri/ =404; }
  }
}
`;
  mkdirSync(join(work, 'tmp'), { recursive: true });
  writeFileSync(join(work, 'nginx.conf'), conf);
  const child = spawn('nginx', ['-p', work, '-c', join(work, 'nginx.conf'), '-e', join(work, 'error.log')], {
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const kill = setTimeout(() => child.kill('SIGKILL'), 5_000);
      child.once('exit', () => {
        clearTimeout(kill);
        resolve();
      });
      // SIGQUIT: nginx's graceful stop; the master ends its worker.
      child.kill('SIGQUIT');
    });
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      if ((await fetch(`${url}/`)).ok) return { url, stop };
    } catch {
      // Not listening yet.
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      let log = '';
      try {
        log = readFileSync(join(work, 'error.log'), 'utf8');
      } catch {
        // No log written.
      }
      throw new Error(`nginx did not start on ${url}:\n${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
