// Draws media/icon.png (128x128, the Marketplace icon) from an inline SVG by taking a screenshot
// in headless Chromium, so the icon can be regenerated from this file instead of an image editor.
// Run: node scripts/e2e/make-icon.mjs
import { chromium } from 'playwright-core';
import { fileURLToPath } from 'node:url';

const output = fileURLToPath(new URL('../../media/icon.png', import.meta.url));

// A magnifying lens whose rim is a looping arrow: "a lens on the event loop".
const svg = `
<svg xmlns="http://www.w3.org/2000/svg" width="128" height="128" viewBox="0 0 128 128">
  <defs>
    <linearGradient id="bg" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="#1e3a8a"/>
      <stop offset="1" stop-color="#0f766e"/>
    </linearGradient>
    <marker id="head" viewBox="0 0 10 10" refX="5" refY="5" markerWidth="3.2" markerHeight="3.2" orient="auto">
      <path d="M0,0 L10,5 L0,10 z" fill="#fbbf24"/>
    </marker>
  </defs>
  <rect x="0" y="0" width="128" height="128" rx="24" fill="url(#bg)"/>
  <line x1="80" y1="80" x2="110" y2="110" stroke="#e5e7eb" stroke-width="14" stroke-linecap="round"/>
  <circle cx="56" cy="56" r="36" fill="#0b1220" fill-opacity="0.55" stroke="#e5e7eb" stroke-width="8"/>
  <path d="M56,34 A22,22 0 1 1 34.6,51" fill="none" stroke="#fbbf24" stroke-width="6" stroke-linecap="round" marker-end="url(#head)"/>
  <circle cx="56" cy="56" r="5" fill="#fbbf24"/>
</svg>`;

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  const page = await browser.newPage({ viewport: { width: 128, height: 128 } });
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
  await page.locator('svg').screenshot({ path: output, omitBackground: true });
  console.log(`wrote ${output}`);
} finally {
  await browser.close();
}
