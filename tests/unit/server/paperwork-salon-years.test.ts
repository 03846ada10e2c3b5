/**
 * Every salon's year for the staff, from records that went through the real push path, on
 * PGlite and PostgreSQL: a correction counts in its latest version, a deleted session drops
 * out, another year's sessions stay out, and the grant reads the kind of place at year end.
 * Every record here is GENERATED test data (テスト用, 生成); the grant rule is a generated one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '#lib/server/app-context.js';
import type { Account } from '#lib/server/auth/accounts-repo.js';
import { loadSalonYears } from '#lib/server/paperwork-repo.js';
import { handlePush } from '#lib/server/sync/push.js';
import { encodeHlc } from '#lib/domain/sync/hlc.js';
import { uuidv7 } from '#lib/domain/sync/uuid.js';
import type { GrantRules } from '#lib/domain/paperwork/grant-rules.js';
import { account, ENGINES, syncContext } from './sync-helpers';
import { sessionOp as session } from '../ops';

const jst = (local: string) => Date.parse(`${local}:00+09:00`);
const RULES: GrantRules = {
	source: 'generated test rule (no real 社協)',
	minSessionsPerYear: 3,
	minParticipantsPerSession: 10,
	countedCategories: ['salon']
};

describe.each(ENGINES)('%s', (engine) => {
	let ctx: AppContext;
	let staff: Account;
	const deviceId = uuidv7();
	let counter = 0;
	const envelope = (at: number) => ({
		opId: uuidv7(),
		deviceId,
		at: encodeHlc({ wall: at, counter: counter++, node: deviceId })
	});

	beforeAll(async () => {
		ctx = await syncContext(engine);
		staff = await account(ctx, 'staff');
	});
	afterAll(() => ctx.db.close());

	async function push(ops: { at: string }[], now: number) {
		const res = await handlePush(
			ctx.db,
			{ actor: staff, packs: ctx.packs, now },
			{ deviceId, ops }
		);
		for (const r of res.results) expect(r, JSON.stringify(r)).toMatchObject({ status: 'applied' });
	}
	const placeOp = (placeId: string, at: number, fields: Record<string, unknown>) => ({
		...envelope(at),
		kind: 'place.upsert',
		placeId,
		packId: 'tsurugashima',
		fields
	});
	const sessionOp = (
		placeId: string,
		date: string,
		total: number,
		extra: { sessionId?: string; version?: number; deleted?: boolean } = {}
	) =>
		session(envelope(jst(`${date}T15:00`)), placeId, {
			...extra,
			date,
			participants: { total },
			volunteers: 2,
			hours: 2
		});

	it('counts latest versions of the year, deleted out, and reads the kind at year end', async () => {
		const salon = uuidv7();
		const created = jst('2024-01-10T10:00');
		await push(
			[
				placeOp(salon, created, {
					name: 'テスト用サロン（生成）年間',
					category: 'salon',
					districtId: 'fuji',
					point: null
				})
			],
			created + 60_000
		);
		const corrected = uuidv7();
		const deleted = uuidv7();
		const ops = [
			sessionOp(salon, '2024-03-31', 30), // FY 2023: not this year's
			sessionOp(salon, '2024-04-01', 12),
			sessionOp(salon, '2024-09-10', 4, { sessionId: corrected }),
			sessionOp(salon, '2024-09-10', 11, { sessionId: corrected, version: 2 }),
			sessionOp(salon, '2024-12-03', 50, { sessionId: deleted }),
			sessionOp(salon, '2024-12-03', 50, { sessionId: deleted, version: 2, deleted: true }),
			sessionOp(salon, '2025-03-31', 9)
		];
		for (const op of ops) await push([op], jst('2025-04-02T10:00'));
		// Made a kids' salon after the year ended: the verdict reads what it was at year end.
		const changed = jst('2025-04-05T10:00');
		await push([placeOp(salon, changed, { category: 'kids-salon' })], changed + 60_000);

		const [now] = await ctx.db.query<{ category: string }>(
			`select coalesce(published, data)->'categories'->>0 as category from places where id = $1`,
			[salon]
		);
		expect(now?.category).toBe('kids-salon');

		const rows = await loadSalonYears(ctx.db, {
			packId: 'tsurugashima',
			fiscalYear: 2024,
			today: '2025-05-01',
			rules: RULES
		});
		const row = rows.find((r) => r.placeId === salon);
		expect(row).toEqual({
			placeId: salon,
			name: 'テスト用サロン（生成）年間',
			districtIds: ['fuji'],
			category: 'salon',
			totals: {
				sessions: 3,
				participantVisits: 12 + 11 + 9,
				volunteerVisits: 6,
				firstTimers: 3,
				hours: 6
			},
			averages: { participantsPerSession: 10.7, volunteersPerSession: 2 },
			verdict: {
				met: false,
				countedSessions: 2,
				shortfalls: [{ kind: 'sessions', needed: 3, counted: 2, minParticipants: 10 }]
			},
			activityKinds: [],
			frequency: 'other', // no schedule rule and 3 sessions in the year
			registeredMembers: null
		});
		// Without rules: figures, no verdict.
		const plain = await loadSalonYears(ctx.db, {
			packId: 'tsurugashima',
			fiscalYear: 2024,
			today: '2025-05-01',
			rules: null
		});
		expect(plain.find((r) => r.placeId === salon)?.verdict).toBeNull();
		// Another city's list does not hold it.
		expect(
			await loadSalonYears(ctx.db, {
				packId: 'elsewhere',
				fiscalYear: 2024,
				today: '2025-05-01',
				rules: RULES
			})
		).toEqual([]);
	});

	it('keeps a salon’s kinds of activity and yearly registered count, through push, as fields', async () => {
		const salon = uuidv7();
		const at = jst('2026-05-01T10:00');
		await push(
			[
				placeOp(salon, at, {
					name: 'テスト用サロン（生成）種類',
					category: 'salon',
					districtId: 'fuji',
					point: null,
					activityKinds: ['exercise', 'meals'],
					registeredMembers: { '2026': 18 }
				})
			],
			at + 60_000
		);
		const [row] = await ctx.db.query<{
			data: { activityKinds: string[] };
			stamps: Record<string, { value: unknown }>;
		}>('select data, stamps from places where id = $1', [salon]);
		expect(row?.data.activityKinds).toEqual(['exercise', 'meals']);
		expect(row?.stamps.registeredMembers?.value).toEqual({ '2026': 18 });
	});
});
