/**
 * The app's own pages pass their Content-Security-Policy: no page, the map (Leaflet's tiles,
 * markers, popups), the print views, the work screens or the offline shell gets a CSP
 * violation in the console. And nothing may frame the app.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import { expect, test, waitForApp } from './fixtures';
import { createAccount, signIn } from './pages/work';

/** Every CSP complaint Chromium writes to the console, and every violation event. */
function watchCsp(page: Page): string[] {
	const violations: string[] = [];
	page.on('console', (message) => {
		if (
			/Content Security Policy|Refused to (load|execute|apply|connect|frame)/i.test(message.text())
		) {
			violations.push(`${page.url()}: ${message.text()}`);
		}
	});
	page.on('pageerror', (error) => {
		if (/Content Security Policy/i.test(error.message)) violations.push(error.message);
	});
	return violations;
}

async function visit(page: Page, path: string) {
	await page.goto(path);
	await waitForApp(page);
}

test('resident pages, the map and the print view load with no CSP violation', async ({ page }) => {
	const violations = watchCsp(page);
	const res = await page.goto('/');
	const headers = res!.headers();
	expect(headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
	expect(headers['content-security-policy']).toMatch(/script-src 'self' 'nonce-/);
	expect(headers['x-content-type-options']).toBe('nosniff');
	expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
	await waitForApp(page);

	await expect(page.getByTestId('place-map').locator('.place-marker').first()).toBeVisible();
	await visit(page, '/?q=女性センター');
	await page.getByRole('button', { name: '女性センター' }).click();
	await expect(page.locator('.leaflet-popup')).toBeVisible();

	for (const path of [
		'/places/shelter-E1124100004',
		'/districts',
		'/districts/fuji',
		'/districts/fuji/print',
		'/settings',
		'/login'
	]) {
		await visit(page, path);
	}
	// The boot shell the service worker serves offline carries its policy in a <meta> tag.
	await visit(page, '/offline-shell.html');
	expect(violations).toEqual([]);
});

test('the work screens load with no CSP violation', async ({ page, request }) => {
	const violations = watchCsp(page);
	await signIn(page, await createAccount(request, 'staff'));
	for (const path of [
		'/work/places/new',
		'/work/sessions/new',
		'/work/meetings',
		'/work/teams',
		'/work/moderation',
		'/work/indicators',
		'/work/indicators/1',
		'/work/indicators/1/evaluation',
		'/work/indicators/districts',
		'/work/indicators/print'
	]) {
		await visit(page, path);
		await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
	}
	expect(violations).toEqual([]);
});

test('another site cannot frame the app', async ({ page, baseURL }) => {
	// A page of another origin on this machine (a routed page would count as a public site,
	// and Chromium's local network checks would block the frame before the app could refuse it).
	const other = createServer((_, res) => {
		res.writeHead(200, { 'content-type': 'text/html' });
		res.end(`<iframe src="${baseURL}/"></iframe>`);
	});
	await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
	try {
		const refused = page.waitForEvent('console', (m) =>
			/violates the following Content Security Policy directive: "frame-ancestors 'none'"/.test(
				m.text()
			)
		);
		await page.goto(`http://127.0.0.1:${(other.address() as AddressInfo).port}/`);
		await refused;
		await expect(page.frameLocator('iframe').locator('body[data-hydrated]')).toHaveCount(0);
	} finally {
		other.close();
	}
});
