/**
 * Account management from the command line (npm run user -- <command>):
 *   add --email E --role organizer|coordinator|staff|admin [--districts fuji,sakae] [--password P]
 *   passwd --email E [--password P]        (also signs the account out everywhere, lifts a lock)
 *   set --email E [--role R] [--districts D] [--disable | --enable]
 *   list
 * Without --password a strong one is generated and printed once. District ids are checked
 * against the packs under packs/. What each command does: scripts/user-command.ts.
 * Uses DATABASE_URL, or the PGlite directory DATA_DIR (default .data): stop `npm start`
 * first — PGlite allows one process per directory, and the lock says so if you forget.
 */
import { exitIfDataDirLocked } from '../src/lib/server/db/data-dir-lock';
import { openDatabase } from '../src/lib/server/db/open-database';
import { packDistrictIds } from './pack-districts';
import { runUserCommand, UsageError } from './user-command';

const knownDistricts = new Set([...packDistrictIds().values()].flat());
const db = await openDatabase({
	databaseUrl: process.env.DATABASE_URL,
	dataDir: process.env.DATA_DIR ?? '.data'
}).catch(exitIfDataDirLocked);
let exitCode = 0;
try {
	await runUserCommand(process.argv.slice(2), {
		db,
		knownDistricts,
		out: (line) => console.log(line)
	});
} catch (error) {
	console.error(`error: ${(error as Error).message}`);
	exitCode = error instanceof UsageError ? 2 : 1;
} finally {
	await db.close();
}
process.exit(exitCode);
