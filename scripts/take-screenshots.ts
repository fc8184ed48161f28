// Takes the screenshots in docs/screenshots/ (390 and 1280 px wide): the home page, a script
// page, a noodkaart in print and the console's approval screen. Needs a build (`npm run build`).
// Run: node scripts/use-node.mjs scripts/take-screenshots.ts
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium } from '../tests/helpers/browser.ts';
import { loginThroughForm, prepareConsoleScreens } from '../tests/helpers/console-screens.ts';
import { projectRoot, startHub } from '../tests/helpers/hub-server.ts';

const outDir = join(projectRoot, 'docs', 'screenshots');
mkdirSync(outDir, { recursive: true });
const hub = await startHub();
const browser = await launchChromium();
try {
  const screens = await prepareConsoleScreens(hub);
  for (const width of [390, 1280]) {
    const context = await browser.newContext({
      viewport: { width, height: width < 600 ? 844 : 900 },
      serviceWorkers: 'block',
    });
    const page = await context.newPage();
    const shoot = async (name: string, path: string, fullPage = false) => {
      await page.goto(`${hub.url}${path}`, { waitUntil: 'load' });
      await page.screenshot({ path: join(outDir, `${name}-${width}.png`), fullPage });
    };
    await shoot('home', '/');
    await shoot('script', '/lijnen/zorg-stroomuitval/');
    await shoot('noodkaart', '/noodkaarten/school/');
    await loginThroughForm(page, hub.url, 'bram');
    await shoot('console-approval', screens.approvalPath, true);
    await context.close();
  }
  // The printed noodkaart: A4 at 96 dpi inside 12 mm margins, in print media.
  const print = await browser.newPage({ viewport: { width: 703, height: 1032 } });
  await print.goto(`${hub.url}/noodkaarten/school/`);
  await print.emulateMedia({ media: 'print' });
  await print.screenshot({ path: join(outDir, 'noodkaart-print.png'), fullPage: true });
  await print.pdf({
    path: join(outDir, 'noodkaart-school.pdf'),
    format: 'A4',
    preferCSSPageSize: true,
    printBackground: true,
  });
  console.log(`Screenshots in ${outDir}`);
} finally {
  await browser.close();
  await hub.stop();
}
