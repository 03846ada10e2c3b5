/**
 * Renders the app icons (PNG, as browsers require for install) from one SVG with the same
 * Chromium the tests use. Run once after changing the design: `npx tsx scripts/generate-icons.ts`.
 * The PNGs are committed; this script documents how they were made.
 */
import { chromium } from '@playwright/test';

const mark = (padding: number) => `
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100" width="100%" height="100%">
  <rect width="100" height="100" fill="#0b57d0"/>
  <g transform="translate(${padding} ${padding}) scale(${(100 - 2 * padding) / 100})">
    <path d="M50 14 14 44h9v38h54V44h9z" fill="#ffffff"/>
    <circle cx="50" cy="58" r="10" fill="#0b57d0"/>
    <path d="M36 82c0-10 6-16 14-16s14 6 14 16z" fill="#0b57d0"/>
  </g>
</svg>`;

const ICONS = [
	{ file: 'icon-192.png', size: 192, padding: 6 },
	{ file: 'icon-512.png', size: 512, padding: 6 },
	// Maskable: the platform crops to a circle or squircle; keep the mark in the 80 % safe zone.
	{ file: 'icon-maskable-512.png', size: 512, padding: 18 },
	{ file: 'apple-touch-icon.png', size: 180, padding: 8 }
];

const browser = await chromium.launch({
	executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
	args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking']
});
for (const icon of ICONS) {
	const page = await browser.newPage({ viewport: { width: icon.size, height: icon.size } });
	await page.setContent(
		`<html><body style="margin:0">${mark(icon.padding)}</body></html>`.replace(
			'<svg ',
			`<svg style="display:block;width:${icon.size}px;height:${icon.size}px" `
		)
	);
	await page.screenshot({ path: `static/icons/${icon.file}`, omitBackground: false });
	await page.close();
}
await browser.close();
console.log(ICONS.map((i) => i.file).join(', '));
