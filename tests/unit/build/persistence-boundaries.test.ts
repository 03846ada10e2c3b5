/**
 * The persistence boundaries ESLint keeps (eslint.config.js): only src/lib/client/db touches
 * Dexie and only src/lib/server touches SQL. `npm run check` fails on a leak; this test fails
 * if the rule itself goes, or stops seeing a leak it was written for.
 */
import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const eslint = new ESLint({ cwd: ROOT });

/** What an imagined file at `path` is refused for: each message with its line. */
async function broken(path: string, code: string): Promise<{ line: number; message: string }[]> {
	const [result] = await eslint.lintText(code, { filePath: resolve(ROOT, path) });
	return result!.messages.map((m) => ({ line: m.line, message: m.message }));
}

/** The lines refused with a message containing `text`. */
const linesOf = (messages: { line: number; message: string }[], text: string) => [
	...new Set(messages.filter((m) => m.message.includes(text)).map((m) => m.line))
];

const LEAKS = `
import { clientDb } from '#lib/client/db/ibasho-db.js';
export const mine = (id: string) => clientDb().places.where('ownerId').equals(id).toArray();
export const follow = (o: { subscribe(f: () => void): void }) => o.subscribe(() => {});
export const later = () => import('#lib/client/db/record-queries.js');
export const sql = (db: { query(s: string): unknown }) => db.query('select 1');
`;

describe('persistence boundaries', () => {
	it('a page, a component or a client service may not touch Dexie or SQL', async () => {
		for (const path of [
			'src/routes/work/example/+page.ts',
			'src/lib/components/Example.ts',
			'src/lib/client/example.ts'
		]) {
			const messages = await broken(path, LEAKS);
			// The handle, a table query, a subscription, a table module loaded later; the SQL.
			expect(linesOf(messages, 'client/db touches Dexie'), path).toEqual([2, 3, 4, 5]);
			expect(linesOf(messages, 'server touches SQL'), path).toEqual([6]);
		}
		const pg = await broken('src/routes/api/example/+server.ts', `import pg from 'pg';\nvoid pg;\n`);
		expect(linesOf(pg, 'only src/lib/server touches SQL')).toEqual([1]);
	});

	it('client/db and server may', async () => {
		expect(await broken('src/lib/client/db/example.ts', LEAKS)).toEqual([]);
		expect(await broken('src/lib/server/example.ts', `import pg from 'pg';\nvoid pg;\n`)).toEqual(
			[]
		);
	});

	it('calls through client/db pass', async () => {
		const code = `
import { followPlace } from '#lib/client/db/this-device.js';
export const stop = followPlace('id', () => {});
`;
		expect(await broken('src/routes/work/example/+page.ts', code)).toEqual([]);
	});
});
