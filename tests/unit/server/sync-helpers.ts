/**
 * Server sync test helpers: a fresh database on either engine with the Tsurugashima pack, and
 * accounts.
 */
import type { AppContext } from '#lib/server/app-context.js';
import { createAccount, type Account } from '#lib/server/auth/accounts-repo.js';
import type { Role } from '#lib/domain/policy.js';
import { encodeHlc } from '#lib/domain/sync/hlc.js';
import { uuidv7 } from '#lib/domain/sync/uuid.js';
import { testAppContext, type Engine } from './test-database';

export { ENGINES, type Engine } from './test-database';

/** A fresh context on `engine`; `ctx.db.close()` also drops a PostgreSQL test database. */
export async function syncContext(engine: Engine): Promise<AppContext> {
	return testAppContext(engine);
}

let accountSeq = 0;
export async function account(
	ctx: AppContext,
	role: Role,
	districtIds: string[] = [],
	/** The account's cities; the context's default city when not given. */
	cityIds: string[] = [ctx.defaultPackId]
): Promise<Account> {
	accountSeq += 1;
	return createAccount(ctx.db, {
		email: `${role}-${accountSeq}-${Math.random().toString(36).slice(2, 8)}@example.test`,
		password: 'correct horse battery',
		role,
		cityIds,
		districtIds
	});
}

/** A device with its own id and hybrid logical clock, making well-formed ops. */
export class TestDevice {
	readonly deviceId = uuidv7();
	private counter = 0;
	constructor(private clock: () => number = () => Date.now()) {}
	at(): string {
		return encodeHlc({ wall: this.clock(), counter: this.counter++, node: this.deviceId });
	}
	envelope() {
		return { opId: uuidv7(), deviceId: this.deviceId, at: this.at() };
	}
}
