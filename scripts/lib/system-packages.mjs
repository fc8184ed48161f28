// Installs the Debian packages the test suite drives for real (browser, servers), when missing.
import { existsSync, readdirSync } from 'node:fs';
import { run } from './tasks.mjs';

/** Debian package → a file that shows it is installed (or a check, when the path has a version in it). */
export const TEST_PACKAGES = {
  chromium: '/usr/bin/chromium',
  'libxml2-utils': '/usr/bin/xmllint',
  // bearerbox and smsbox
  kannel: '/usr/sbin/bearerbox',
  // fakesmsc, the other end of Kannel's fake SMSC
  'kannel-extras': '/usr/lib/kannel/test/fakesmsc',
  // gammu-smsd and gammu-smsd-inject, with Gammu's dummy phone driver
  'gammu-smsd': '/usr/bin/gammu-smsd-inject',
  // Unpacks the local-network bundle the way a volunteer's zip tool would.
  unzip: '/usr/bin/unzip',
  // pdftotext and pdfinfo: read back the PDFs Chromium prints (woordvoeringsmap, noodsteunpunt kit).
  'poppler-utils': '/usr/bin/pdftotext',
  // initdb and postgres for the throw-away clusters of the PostgreSQL tests (tests/helpers/postgres.ts).
  postgresql: hasPostgresServer,
  // Serves the build with the nginx configuration it writes (dist/nginx/baken.conf), and is
  // the TLS reverse proxy in front of the hub in docs/deployment.md.
  nginx: '/usr/sbin/nginx',
  // Makes the self-signed certificate of the TLS proxy test.
  openssl: '/usr/bin/openssl',
};

/** True when a PostgreSQL server of any major version is in Debian's place for it. */
function hasPostgresServer() {
  const root = '/usr/lib/postgresql';
  return existsSync(root) && readdirSync(root).some((version) => existsSync(`${root}/${version}/bin/initdb`));
}

export async function ensureSystemPackages(packages = TEST_PACKAGES) {
  const missing = Object.entries(packages)
    .filter(([, marker]) => (typeof marker === 'function' ? !marker() : !existsSync(marker)))
    .map(([name]) => name);
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    throw new Error(
      `deze Debian-pakketten ontbreken: ${missing.join(', ')}. Installeer ze met: sudo apt-get install -y ${missing.join(' ')}`,
    );
  }
  console.log(`Baken: Debian-pakketten installeren: ${missing.join(', ')} ...`);
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  await run('apt-get', ['update', '-qq'], { env });
  await run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { env });
}
