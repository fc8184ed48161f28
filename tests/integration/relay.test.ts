import { generateKeyPairSync } from 'node:crypto';
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpdates } from '../../src/relay/signing-key.ts';
import type { PublicKeyFile, UpdatesDocument } from '../../src/schemas/signed-updates.ts';
import { ApiClient } from '../helpers/api-client.ts';
import { describeViolations, runAxe } from '../helpers/axe.ts';
import { launchChromium } from '../helpers/browser.ts';
import { type UnpackedBundle, unpackedBundle } from '../helpers/bundle.ts';
import { addCoordinators, COORDINATOR_PASSWORD as PASSWORD } from '../helpers/coordinators.ts';
import { type RunningHub, startHub, startServerProcess } from '../helpers/hub-server.ts';
import { waitFor } from '../helpers/wait-for.ts';

let central: RunningHub;
let relay: RunningHub;
/** A full hub (npm start's server) that follows the central hub too. */
let hubRelay: RunningHub;
let bundle: UnpackedBundle;
let impostor: Server | undefined;
let centralPort: number;
let firstEnvelope: string;

async function text(url: string): Promise<string> {
  return (await fetch(url)).text();
}

async function publish(title: string): Promise<string> {
  const anna = new ApiClient(central.url);
  const bram = new ApiClient(central.url);
  expect(await anna.login('anna', PASSWORD)).toBe(200);
  expect(await bram.login('bram', PASSWORD)).toBe(200);
  const created = await anna.post('/api/broadcasts', {
    script: 'zorg-stroomuitval',
    channels: ['web'],
    lists: [],
    training: false,
    fields: { organisatie: title, gemeente: 'Voorbeeldstad', locatie: 'De Brug', tijd: '14:00' },
  });
  expect(created.status).toBe(201);
  await anna.post(`/api/broadcasts/${created.body.id}/submit`);
  const approved = await bram.post(`/api/broadcasts/${created.body.id}/approve`);
  expect(approved.body.status).toBe('published');
  return approved.body.title as string;
}

/** Serves `body` as /feeds/signed-updates.json on the central hub's old port: someone took over its address. */
function serveOnCentralPort(body: string): Promise<void> {
  return new Promise((resolve, reject) => {
    impostor?.close();
    impostor = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(body);
    });
    impostor.on('error', reject);
    impostor.listen(centralPort, '127.0.0.1', () => resolve());
  });
}

beforeAll(async () => {
  central = await startHub();
  centralPort = Number(new URL(central.url).port);
  addCoordinators(central);
  const publicKey = JSON.parse(
    readFileSync(join(central.dataDir, 'signing', 'public-key.json'), 'utf8'),
  ) as PublicKeyFile;
  firstEnvelope = await text(`${central.url}/feeds/signed-updates.json`);
  bundle = await unpackedBundle({ publicKey });
  [relay, hubRelay] = await Promise.all([
    startServerProcess([join(bundle.dir, 'serve.mjs'), '0'], {
      cwd: bundle.dir,
      env: { BAKEN_UPSTREAM: central.url, BAKEN_UPSTREAM_POLL_SECONDS: '0.5' },
    }),
    startHub({
      env: {
        BAKEN_UPSTREAM: central.url,
        BAKEN_UPSTREAM_KEY: join(central.dataDir, 'signing', 'public-key.json'),
        BAKEN_UPSTREAM_POLL_SECONDS: '0.5',
      },
    }),
  ]);
}, 120_000);

afterAll(async () => {
  impostor?.close();
  await relay?.stop();
  await hubRelay?.stop();
  await central?.stop();
  if (bundle) rmSync(bundle.work, { recursive: true, force: true });
});

describe('a bundle following a central hub (BAKEN_UPSTREAM)', () => {
  it('made the key pair in the central data folder, the private key readable by its owner only', () => {
    const mode = statSync(join(central.dataDir, 'signing', 'private-key.pem')).mode & 0o777;
    expect(mode).toBe(0o600);
    expect(existsSync(join(bundle.dir, 'hub-public-key.json'))).toBe(true);
  });

  it('shows an update approved on the central hub within a minute, with where and when it was fetched', async () => {
    const title = await publish('Zorggroep Relaytest');
    const page = await waitFor(
      'the update on the relay',
      async () => {
        const html = await text(`${relay.url}/actueel/`);
        return html.includes('Zorggroep Relaytest') ? html : undefined;
      },
      60_000,
      250,
    );
    expect(page).toContain(title.replaceAll('&', '&amp;'));
    expect(page).toMatch(
      new RegExp(
        `Opgehaald van ${new URL(central.url).host} om <time datetime="[^"]+">\\d\\d:\\d\\d op \\d{1,2} \\w+ \\d{4}</time>`,
      ),
    );
    // The relay's page is a full page of the site, without any inline script.
    expect(page).toContain('<nav aria-label="Hoofdmenu">');
    expect(page).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    const active = (await (await fetch(`${relay.url}/api/public/updates.json`)).json()) as {
      updates: Array<{ title: string }>;
    };
    expect(active.updates.map((u) => u.title)).toContain(title);
    // The relay passes the central hub's signed feed on byte for byte.
    const passedOn = await text(`${relay.url}/feeds/signed-updates.json`);
    expect(JSON.parse(passedOn).keyId).toBe(JSON.parse(firstEnvelope).keyId);
    // A full hub started with BAKEN_UPSTREAM (as npm start would) shows it as well.
    await waitFor(
      'the update on the following hub',
      async () => ((await text(`${hubRelay.url}/actueel/`)).includes('Zorggroep Relaytest') ? true : undefined),
      60_000,
      250,
    );
    await hubRelay.stop();
  }, 90_000);

  it('keeps showing the last updates with their fetch time when the central hub is stopped', async () => {
    await central.stop();
    const page = await waitFor(
      'the relay to notice the hub is gone',
      async () => {
        const html = await text(`${relay.url}/actueel/`);
        return html.includes('data-relay-unreachable') ? html : undefined;
      },
      30_000,
      250,
    );
    expect(page).toContain('Zorggroep Relaytest');
    expect(page).toContain('De centrale hub is nu niet bereikbaar');
    expect(page).toContain(`Opgehaald van ${new URL(central.url).host} om`);
  }, 60_000);

  it('refuses a feed signed with another key, says so, and keeps the real updates', async () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const fake: UpdatesDocument = {
      hub: central.url,
      sequence: 1000,
      signedAt: new Date().toISOString(),
      updates: [
        {
          id: 'nep',
          type: 'alert',
          state: 'active',
          title: 'Valse oproep: ga allemaal naar het stadhuis',
          text: 'Nep.',
          publishedAt: new Date().toISOString(),
          references: null,
          replacedBy: null,
          area: 'Nederland',
        },
      ],
    };
    await serveOnCentralPort(JSON.stringify(signUpdates(fake, privateKey)));
    const page = await waitFor(
      'the refusal on the relay page',
      async () => {
        const html = await text(`${relay.url}/actueel/`);
        return html.includes('data-relay-refused') ? html : undefined;
      },
      30_000,
      250,
    );
    expect(page).toContain('Berichten geweigerd.');
    expect(page).toContain('ondertekend met een andere sleutel');
    expect(page).not.toContain('Valse oproep');
    expect(page).toContain('Zorggroep Relaytest');
    expect(relay.output()).toMatch(/berichten van 127\.0\.0\.1:\d+ GEWEIGERD: ondertekend met een andere sleutel/);
    // The warning is as accessible as the rest of the site.
    const browser = await launchChromium();
    try {
      const tab = await browser.newPage();
      await tab.goto(`${relay.url}/actueel/`);
      expect(describeViolations('/actueel/ (relay)', await runAxe(tab))).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 60_000);

  it('refuses a replay of an older document the central hub really signed', async () => {
    await serveOnCentralPort(firstEnvelope);
    await waitFor(
      'the replay refusal',
      async () => (/GEWEIGERD: dit is een oudere versie/.test(relay.output()) ? true : undefined),
      30_000,
      250,
    );
    const page = await text(`${relay.url}/actueel/`);
    expect(page).toContain('dit is een oudere versie');
    expect(page).toContain('Zorggroep Relaytest');
  }, 60_000);

  it('still shows the last updates after a restart without any link, from its copy on disk', async () => {
    impostor?.close();
    impostor = undefined;
    await relay.stop();
    relay = await startServerProcess([join(bundle.dir, 'serve.mjs'), '0'], {
      cwd: bundle.dir,
      env: { BAKEN_UPSTREAM: central.url, BAKEN_UPSTREAM_POLL_SECONDS: '0.5' },
    });
    const page = await text(`${relay.url}/actueel/`);
    expect(page).toContain('Zorggroep Relaytest');
    expect(page).toContain(`Opgehaald van ${new URL(central.url).host} om`);
  }, 60_000);
});
