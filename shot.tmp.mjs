import { chromium } from 'playwright-core';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-background-networking'] });
const p = await b.newPage();
const [url, out, mode] = process.argv.slice(2);
await p.goto(url);
if (mode === 'pdf') { await p.pdf({ path: out, format: 'A4', preferCSSPageSize: true, printBackground: true }); }
else { await p.setViewportSize({ width: 1280, height: 900 }); await p.screenshot({ path: out, fullPage: mode === 'full' }); }
await b.close();
