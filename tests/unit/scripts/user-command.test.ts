import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAccountByEmail, listAccounts } from '#lib/server/auth/accounts-repo.js';
import { login } from '#lib/server/auth/login.js';
import type { Database } from '#lib/server/db/database.js';
import { defaultCityId, packDistrictIds } from '../../../scripts/pack-districts';
import { runUserCommand, UsageError } from '#lib/server/auth/user-command.js';
import { openTestDatabase } from '../server/test-database';

describe('npm run user', () => {
	let db: Database;
	const cities = packDistrictIds();
	const lines: string[] = [];
	const run = (...argv: string[]) =>
		runUserCommand(argv, {
			db,
			cities,
			defaultCity: defaultCityId(cities.keys(), {}),
			out: (l) => lines.push(l)
		});

	beforeAll(async () => {
		db = await openTestDatabase('pglite');
	});
	afterAll(() => db.close());

	it("knows the Tsurugashima pack's eight school districts", () => {
		expect(packDistrictIds().get('tsurugashima')).toEqual([
			'tsurugashima-1',
			'tsurugashima-2',
			'shinmachi',
			'sugishita',
			'nagakubo',
			'sakae',
			'fuji',
			'minami'
		]);
	});

	it('knows that Tokorozawa, a city without districts, has none to assign', () => {
		expect(packDistrictIds().get('tokorozawa')).toEqual([]);
	});

	it('adds a coordinator with districts the pack has', async () => {
		await run(
			'add',
			'--email',
			'coord@example.test',
			'--role',
			'coordinator',
			'--districts',
			'fuji, sakae'
		);
		expect(lines.at(-2)).toBe('added coord@example.test (coordinator: fuji,sakae) of tsurugashima');
		expect(lines.at(-1)).toMatch(/^password: \S{16}$/);
		expect((await findAccountByEmail(db, 'coord@example.test'))?.account.districtIds).toEqual([
			'fuji',
			'sakae'
		]);
	});

	it('refuses a district the pack does not have, naming it and the real ones; writes nothing', async () => {
		const adding = run(
			'add',
			'--email',
			'typo@example.test',
			'--role',
			'coordinator',
			'--districts',
			'fuji,fujii'
		);
		await expect(adding).rejects.toThrow(UsageError);
		await expect(adding).rejects.toThrow(/unknown district fujii; the districts are: .*\bfuji\b/);
		expect(await findAccountByEmail(db, 'typo@example.test')).toBeNull();
		await expect(
			run('set', '--email', 'coord@example.test', '--districts', 'atlantis')
		).rejects.toThrow(/unknown district atlantis/);
		expect((await findAccountByEmail(db, 'coord@example.test'))?.account.districtIds).toEqual([
			'fuji',
			'sakae'
		]);
	});

	it('refuses an unknown role, a short password, a taken email and an unknown option', async () => {
		await expect(run('add', '--email', 'x@example.test', '--role', 'mayor')).rejects.toThrow(
			/--role must be/
		);
		await expect(
			run('add', '--email', 'x@example.test', '--role', 'staff', '--password', 'short')
		).rejects.toThrow(/at least 10 characters/);
		await expect(run('add', '--email', 'COORD@example.test', '--role', 'staff')).rejects.toThrow(
			/exists already/
		);
		await expect(run('add', '--emial', 'x@example.test')).rejects.toThrow(UsageError);
		expect((await listAccounts(db)).map((a) => a.email)).toEqual(['coord@example.test']);
	});

	it('refuses a weak --password, saying why in Japanese and English; writes nothing', async () => {
		await expect(
			run('add', '--email', 'weak@example.test', '--role', 'staff', '--password', 'aaaaaaaaaa')
		).rejects.toThrow(/^--password refused: 同じ文字の繰り返し.* \/ A password of one repeated/);
		await expect(
			run('add', '--email', 'weak@example.test', '--role', 'staff', '--password', 'password123')
		).rejects.toThrow(/よく使われているパスワード/);
		expect(await findAccountByEmail(db, 'weak@example.test')).toBeNull();
		await expect(
			run('passwd', '--email', 'coord@example.test', '--password', 'coord@example.test')
		).rejects.toThrow(/メールアドレスやその一部/);
	});

	it('passwd resets a password: the new one signs in, and a lock is lifted', async () => {
		const address = 'cli-test';
		for (let i = 0; i < 5; i++) {
			await login(db, { email: 'coord@example.test', password: `wrong-${i}`, address });
		}
		expect(
			await login(db, { email: 'coord@example.test', password: 'a-new-password-1', address })
		).toMatchObject({ ok: false, reason: 'account_locked' });
		await run('passwd', '--email', 'coord@example.test', '--password', 'a-new-password-1');
		expect(lines.at(-1)).toBe(
			'password changed for coord@example.test; its sessions were signed out and its lock lifted'
		);
		const signedIn = await login(db, {
			email: 'coord@example.test',
			password: 'a-new-password-1',
			address: 'cli-test-2'
		});
		expect(signedIn.ok).toBe(true);
		await expect(run('passwd', '--email', 'nobody@example.test')).rejects.toThrow(/no account/);
	});
});

describe('npm run user: cities', () => {
	let db: Database;
	const lines: string[] = [];
	// Tsurugashima's districts and a GENERATED second city's.
	const cities = new Map([
		...packDistrictIds(),
		['generated-city', ['generated-city-north', 'generated-city-south']]
	]);
	const run = (...argv: string[]) =>
		runUserCommand(argv, {
			db,
			cities,
			defaultCity: 'tsurugashima',
			out: (l) => lines.push(l)
		});
	const citiesOf = async (email: string) =>
		(await findAccountByEmail(db, email))?.account.cityIds ?? null;

	beforeAll(async () => {
		db = await openTestDatabase('pglite');
	});
	afterAll(() => db.close());

	it('adds an account of the default city unless --city names others', async () => {
		await run('add', '--email', 'a@example.test', '--role', 'staff');
		expect(await citiesOf('a@example.test')).toEqual(['tsurugashima']);
		await run(
			'add',
			'--email',
			'b@example.test',
			'--role',
			'coordinator',
			'--city',
			'generated-city',
			'--districts',
			'generated-city-north'
		);
		expect(lines.at(-2)).toBe(
			'added b@example.test (coordinator: generated-city-north) of generated-city'
		);
		await run(
			'add',
			'--email',
			'ab@example.test',
			'--role',
			'admin',
			'--city',
			'tsurugashima,generated-city'
		);
		expect(await citiesOf('ab@example.test')).toEqual(['tsurugashima', 'generated-city']);
	});

	it('refuses an unknown city, and districts of another city, writing nothing', async () => {
		await expect(
			run('add', '--email', 'x@example.test', '--role', 'staff', '--city', 'atlantis')
		).rejects.toThrow(/unknown city atlantis; the cities are: .*tsurugashima/);
		await expect(
			run(
				'add',
				'--email',
				'x@example.test',
				'--role',
				'coordinator',
				'--city',
				'generated-city',
				'--districts',
				'fuji'
			)
		).rejects.toThrow(/unknown district fuji/);
		expect(await findAccountByEmail(db, 'x@example.test')).toBeNull();
		// Moving a coordinator to another city needs districts of that city.
		await expect(run('set', '--email', 'b@example.test', '--city', 'tsurugashima')).rejects.toThrow(
			/unknown district generated-city-north/
		);
		expect(await citiesOf('b@example.test')).toEqual(['generated-city']);
		await run('set', '--email', 'b@example.test', '--city', 'tsurugashima', '--districts', 'fuji');
		expect(await citiesOf('b@example.test')).toEqual(['tsurugashima']);
		await run('list');
		expect(lines).toContain('b@example.test\tcoordinator\ttsurugashima\tfuji\t');
	});
});
