// Installs the Debian packages the test suite drives for real (browser, servers), when missing.
import { existsSync } from 'node:fs';
import { run } from './tasks.mjs';

/** Debian package → a file that shows it is installed. */
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
  // The TLS reverse proxy in front of the hub, as in docs/deployment.md.
  nginx: '/usr/sbin/nginx',
};

export async function ensureSystemPackages(packages = TEST_PACKAGES) {
  const missing = Object.entries(packages)
    .filter(([, marker]) => !existsSync(marker))
    .map(([name]) => name);
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`deze Debian-pakketten ontbreken: ${missing.join(', ')}. Installeer ze met: sudo apt-get install -y ${missing.join(' ')}`);
  }
  console.log(`Baken: Debian-pakketten installeren: ${missing.join(', ')} ...`);
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  await run('apt-get', ['update', '-qq'], { env });
  await run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { env });
}
