import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '#lib/server/auth/accounts-repo.js';
import {
	createSession,
	RENEW_AFTER_MS,
	SESSION_DAYS,
	useSession
} from '#lib/server/auth/sessions.js';
import type { Database } from '#lib/server/db/database.js';
import { ENGINES, openTestDatabase } from './test-database';

const DAY = 86_400_000;
const T0 = new Date('2026-12-01T00:00:00Z');
const at = (days: number) => new Date(T0.getTime() + days * DAY);

describe.each(ENGINES)('%s', (engine) => {
	let db: Database;
	beforeAll(async () => {
		db = await openTestDatabase(engine);
	});
	afterAll(() => db.close());

	let n = 0;
	async function signedIn() {
		n += 1;
		const account = await createAccount(db, {
			email: `renew-${n}@example.test`,
			password: 'correct-horse-battery',
			role: 'organizer',
			cityIds: ['tsurugashima']
		});
		return (await createSession(db, account.userId, T0)).token;
	}
	it('a volunteer who uses the app every few weeks is never signed out', async () => {
		const token = await signedIn();
		// Used on day 25, 50 and 75: each use more than a day after the last renewal extends it.
		for (const day of [25, 50, 75]) {
			const use = await useSession(db, token, at(day));
			expect(use?.account.email).toBe(`renew-${n}@example.test`);
			expect(use?.renewedUntil).toEqual(at(day + SESSION_DAYS));
		}
		expect(await useSession(db, token, at(75 + SESSION_DAYS - 1))).not.toBeNull();
	});

	it('renews at most once a day: uses within a day of the last renewal write nothing', async () => {
		const token = await signedIn();
		expect((await useSession(db, token, at(0.5)))?.renewedUntil).toBeNull();
		const renewing = new Date(T0.getTime() + RENEW_AFTER_MS + 60_000);
		expect((await useSession(db, token, renewing))?.renewedUntil).toEqual(
			new Date(renewing.getTime() + SESSION_DAYS * DAY)
		);
		const later = new Date(renewing.getTime() + RENEW_AFTER_MS / 2);
		expect((await useSession(db, token, later))?.renewedUntil).toBeNull();
		const [row] = await db.query<{ expires_at: Date }>(
			'select s.expires_at from auth_sessions s join users u on u.id = s.user_id where u.email = $1',
			[`renew-${n}@example.test`]
		);
		expect(new Date(row!.expires_at)).toEqual(new Date(renewing.getTime() + SESSION_DAYS * DAY));
	});

	it('a session left unused for 30 days ends, and using it then does not revive it', async () => {
		const token = await signedIn();
		expect(await useSession(db, token, at(SESSION_DAYS))).toBeNull();
		expect(await useSession(db, token, at(SESSION_DAYS + 1))).toBeNull();
		expect(await useSession(db, 'not-a-token', at(1))).toBeNull();
	});
});
