/**
 * The indicator screens' plan view (client/plan-view.svelte.ts): it opens the plan of the
 * city the server answers for the signed-in account, and follows this device's entries, so a
 * figure saved on the device stands in the effective plan without reloading anything.
 * Every figure entered here is GENERATED test input (テスト入力).
 */
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { clientDb } from '#lib/client/db/ibasho-db.js';
import { recordIndicator } from '#lib/client/db/local-writes.js';
import { askedYear, PlanView } from '#lib/client/plan-view.svelte.js';
import { REPO_ROOT } from '../indicators/seed-text';

const plan = JSON.parse(readFileSync(path.join(REPO_ROOT, 'packs/tokorozawa/plan.json'), 'utf8'));
const asked: string[] = [];

beforeAll(() => {
	// The server answers /api/plan for the account's city: Tokorozawa here.
	vi.stubGlobal('fetch', async (input: RequestInfo | URL) => {
		asked.push(String(input));
		return new Response(JSON.stringify({ city: 'tokorozawa', plan }), {
			headers: { 'content-type': 'application/json' }
		});
	});
});
afterAll(async () => {
	vi.unstubAllGlobals();
	clientDb().close();
});

it("opens the account's city's plan and follows the entries saved on this device", async () => {
	const view = new PlanView();
	const stop = view.open();
	await vi.waitFor(() => expect(view.entriesKnown).toBe(true));
	expect(asked).toEqual(['/api/plan']);
	expect(view.planId).toBe('tokorozawa');
	expect(view.plan?.indicators).toHaveLength(47);
	expect(view.plan?.indicators[0]?.records.find((r) => r.fiscalYear === 2024)).toBeUndefined();

	const writer = { db: clientDb(), userId: 'staff-1', now: () => Date.now() };
	await recordIndicator(
		writer,
		{
			planId: 'tokorozawa',
			indicatorNumber: 1,
			fiscalYear: 2024,
			value: { kind: 'number', value: 123 },
			activities: '相談件数を集計（テスト入力）',
			source: { kind: 'reported', by: '福祉総務課' },
			note: null
		},
		'staff@example.test'
	);
	await vi.waitFor(() => expect(view.entries).toHaveLength(1));
	expect(view.hasPending).toBe(true);
	const record = view.plan?.indicators[0]?.records.find((r) => r.fiscalYear === 2024);
	expect(record?.value).toEqual({ kind: 'number', value: 123 });
	stop();
});

it('reads ?fy= inside the plan, else the running fiscal year kept inside it', () => {
	const range = { from: 2021, to: 2026 };
	vi.useFakeTimers({ toFake: ['Date'] });
	try {
		vi.setSystemTime(new Date('2024-06-01T09:00:00+09:00'));
		expect(askedYear('2023', range)).toBe(2023);
		for (const bad of [null, '', 'abc', '2019', '2030', '2023.5']) {
			expect(askedYear(bad, range), String(bad)).toBe(2024);
		}
		// 令和9年度, after the plan: its last year.
		vi.setSystemTime(new Date('2027-06-01T09:00:00+09:00'));
		expect(askedYear(null, range)).toBe(2026);
	} finally {
		vi.useRealTimers();
	}
});
