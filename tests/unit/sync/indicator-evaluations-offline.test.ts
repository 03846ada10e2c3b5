/**
 * Two staff phones evaluate the same indicator's year offline; after both sync (in either
 * order) both show the evaluation made last, the server keeps both as history, and an
 * evaluation the server refuses stays on its phone, marked, with its reason — nothing typed is
 * lost. An evaluation and the year's figure entry are separate records on the device.
 */
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { IbashoDb } from '#lib/client/db/ibasho-db.js';
import { evaluateIndicator, recordIndicator } from '#lib/client/db/local-writes.js';
import { syncOnce } from '#lib/client/sync/sync-runner.js';
import type { EvaluationInput } from '#lib/domain/indicators/evaluations.js';
import type { AppContext } from '#lib/server/app-context.js';
import type { Account } from '#lib/server/auth/accounts-repo.js';
import { loadEvaluationHistory } from '#lib/server/indicator-evaluations-repo.js';
import { account, syncContext } from '../server/sync-helpers';
import { inProcessTransport } from './in-process-transport';

let ctx: AppContext;
let staffA: Account;
let staffB: Account;
const dbs: IbashoDb[] = [];
const device = () => {
	const db = new IbashoDb(`device-${Math.random()}`);
	dbs.push(db);
	return db;
};

beforeAll(async () => {
	ctx = await syncContext('pglite');
	staffA = await account(ctx, 'staff');
	staffB = await account(ctx, 'staff');
}, 30_000);
afterAll(async () => {
	for (const db of dbs) {
		db.close();
		await Dexie.delete(db.name);
	}
	await ctx.db.close();
});

/** Generated test input, not a city's evaluation. */
const input = (overrides: Partial<EvaluationInput> = {}): EvaluationInput => ({
	planId: 'tsurugashima',
	indicatorNumber: 14,
	fiscalYear: 2023,
	results: '加入団体が増えた（テスト入力）',
	issues: '事務局の負担（テスト入力）',
	mark: '○',
	direction: '継続',
	reason: null,
	department: '障害者福祉課',
	...overrides
});
const KEY = 'tsurugashima/14/2023/evaluation';

it.each([
	['B first', true],
	['A first', false]
])(
	'converges on the evaluation made last (%s), and keeps both on the server',
	async (_, bFirst) => {
		const a = device();
		const b = device();
		const fiscalYear = bFirst ? 2023 : 2024;
		const key = KEY.replace('2023', String(fiscalYear));
		const clock = Date.now() - 120_000;
		const wa = { db: a, userId: staffA.userId, now: () => clock };
		const wb = { db: b, userId: staffB.userId, now: () => clock + 60_000 };
		await evaluateIndicator(wa, input({ fiscalYear, mark: '△' }), staffA.email);
		await evaluateIndicator(
			wb,
			input({ fiscalYear, mark: '◎', direction: '見直し', reason: '対象を広げる（テスト入力）' }),
			staffB.email
		);
		expect(await a.indicatorEvaluations.get(key)).toMatchObject({
			mark: '△',
			syncState: 'pending'
		});

		const order = bFirst ? [b, a, b] : [a, b, a];
		for (const phone of order) {
			const who = phone === a ? staffA : staffB;
			await syncOnce(phone, inProcessTransport(ctx, who), { userId: who.userId });
		}
		for (const phone of [a, b]) {
			const row = await phone.indicatorEvaluations.get(key);
			expect(row).toMatchObject({
				mark: '◎',
				direction: '見直し',
				recordedBy: staffB.email,
				syncState: 'sent'
			});
			expect(await phone.outbox.count()).toBe(0);
		}
		const history = await loadEvaluationHistory(ctx.db, 'tsurugashima', 14, fiscalYear);
		expect(history.map((h) => [h.mark, h.recordedBy])).toEqual([
			['◎', staffB.email],
			['△', staffA.email]
		]);
	}
);

it('keeps a refused evaluation on the phone with its reason', async () => {
	const phone = device();
	const w = { db: phone, userId: staffA.userId };
	// A screen would not let this through (evaluationIssues); an old or foreign client might.
	await evaluateIndicator(w, input({ fiscalYear: 2022, direction: '廃止' }), staffA.email);
	await syncOnce(phone, inProcessTransport(ctx, staffA), { userId: staffA.userId });
	const [problem] = await phone.outbox.toArray();
	expect(problem).toMatchObject({ status: 'rejected', reason: 'reason_required' });
	const row = await phone.indicatorEvaluations.get('tsurugashima/14/2022/evaluation');
	expect(row).toMatchObject({ direction: '廃止', syncState: 'rejected' });
});

it('keeps the year’s figure entry and its evaluation apart on the device', async () => {
	const phone = device();
	const w = { db: phone, userId: staffA.userId };
	await recordIndicator(
		w,
		{
			planId: 'tsurugashima',
			indicatorNumber: 14,
			fiscalYear: 2025,
			value: { kind: 'number', value: 40 },
			activities: 'テスト入力',
			source: { kind: 'reported', by: '障害者福祉課' },
			note: null
		},
		staffA.email
	);
	await evaluateIndicator(w, input({ fiscalYear: 2025 }), staffA.email);
	await syncOnce(phone, inProcessTransport(ctx, staffA), { userId: staffA.userId });
	expect(await phone.outbox.count()).toBe(0);
	expect((await phone.indicatorEntries.get('tsurugashima/14/2025'))?.syncState).toBe('sent');
	expect((await phone.indicatorEvaluations.get('tsurugashima/14/2025/evaluation'))?.syncState).toBe(
		'sent'
	);
});
