/** Page helpers for the signed-in work screens, and account setup through the admin API. */
import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { E2E_ADMIN } from '../../../playwright.config';

let seq = 0;

/**
 * Creates an account through the bootstrap admin; returns its credentials. `cityIds` left out:
 * the admin's cities, as the API does.
 */
export async function createAccount(
	request: APIRequestContext,
	role: 'organizer' | 'coordinator' | 'staff',
	districtIds: string[] = [],
	cityIds?: string[]
) {
	const login = await request.post('/api/auth/login', { data: E2E_ADMIN });
	expect(login.ok(), `admin sign-in: ${login.status()} ${await login.text()}`).toBe(true);
	seq += 1;
	const email = `${role}-${Date.now()}-${seq}@example.test`;
	const password = `pw-${role}-${seq}-long-enough`;
	const res = await request.post('/api/admin/accounts', {
		data: { email, password, role, districtIds, ...(cityIds ? { cityIds } : {}) }
	});
	expect(res.status()).toBe(201);
	await request.post('/api/auth/logout');
	return { email, password };
}

export async function signIn(page: Page, who: { email: string; password: string }) {
	await page.goto('/login');
	await page.locator('body[data-hydrated]').waitFor();
	await page.getByLabel('メールアドレス').fill(who.email);
	await page.getByLabel('パスワード').fill(who.password);
	await page.getByRole('button', { name: 'ログイン' }).click();
	await expect(page).toHaveURL(/\/work$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('記録');
}

export function unsentCount(page: Page) {
	return page.getByTestId('unsent-count');
}

/** Waits until the service worker is ready, so offline reloads boot from it. */
export async function ready(page: Page) {
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
	});
}

/**
 * Waits until the service worker controls this page: from then on the page finds every
 * screen's code in the worker's cache, with no reload. (A person who signed in has long passed
 * this point before walking out of the signal; a test gets there in milliseconds, so it waits.)
 */
export async function offlineReady(page: Page) {
	await page.waitForFunction(() => navigator.serviceWorker?.controller != null);
}

export interface OutboxEntry {
	opId: string;
	kind: string;
	entityId: string;
	/** The op as the device will send it. */
	op: Record<string, unknown> & { kind: string };
}

/**
 * The device's unsent ops, oldest first (run in the page: `page.evaluate(readOutbox)`). Reads
 * the app's IndexedDB as it is; never creates or upgrades it.
 */
export async function readOutbox(): Promise<OutboxEntry[]> {
	return new Promise((resolve, reject) => {
		const open = indexedDB.open('ibasho');
		open.onupgradeneeded = () => open.transaction?.abort();
		open.onerror = () => reject(new Error('no ibasho database on this device'));
		open.onsuccess = () => {
			const db = open.result;
			const all = db.transaction('outbox').objectStore('outbox').getAll();
			all.onsuccess = () => {
				db.close();
				const rows = all.result as { opId: string; entityId: string; op: OutboxEntry['op'] }[];
				resolve(
					rows.map((r) => ({ opId: r.opId, kind: r.op.kind, entityId: r.entityId, op: r.op }))
				);
			};
			all.onerror = () => reject(all.error);
		};
	});
}
