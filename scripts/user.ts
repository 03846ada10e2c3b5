/**
 * Account management from the command line (npm run user -- <command>):
 *   add --email E --role organizer|coordinator|staff|admin [--city C] [--districts fuji,sakae] [--password P]
 *   passwd --email E [--password P]        (also signs the account out everywhere, lifts a lock)
 *   set --email E [--role R] [--city C] [--districts D] [--disable | --enable]
 *   list
 * Without --password a strong one is generated and printed once. --city names the account's
 * cities (pack ids; repeat it or list them `a,b`; `add` without it gives the default city);
 * district ids are checked against those cities' packs. What each command does: src/lib/server/auth/user-command.ts.
 *
 * With DATABASE_URL it connects to PostgreSQL. Otherwise it uses the PGlite directory DATA_DIR
 * (default .data): while a server runs on that directory (PGlite allows one process per
 * directory), the server runs the command for it through its admin socket
 * (src/lib/server/admin-socket.ts); else it opens the directory itself.
 * Exit status: 0 done, 2 bad input (nothing changed), 1 anything else.
 */
import {
	adminSocketPath,
	askAdminSocket,
	runAccountCommand,
	type AdminAnswer
} from '../src/lib/server/admin-socket';
import { DataDirLockedError } from '../src/lib/server/db/data-dir-lock';
import { openDatabase } from '../src/lib/server/db/open-database';
import { defaultCityId, packDistrictIds } from './pack-districts';

async function run(argv: string[]): Promise<AdminAnswer> {
	const socket = adminSocketPath(process.env);
	if (socket) {
		const answer = await askAdminSocket(socket, argv);
		if (answer) return answer;
	}
	let db;
	try {
		db = await openDatabase({
			databaseUrl: process.env.DATABASE_URL || undefined,
			dataDir: process.env.DATA_DIR || '.data'
		});
	} catch (error) {
		if (!(error instanceof DataDirLockedError)) throw error;
		// Held by a process without an admin socket: another CLI, `npm run after-restore`, or a
		// server still opening the database (it listens once its migrations are done).
		return {
			lines: [],
			exitCode: 1,
			error: `${error.message}\nIf that process is the server starting up, try again in a moment.`
		};
	}
	try {
		const cities = packDistrictIds();
		return await runAccountCommand(argv, { db, cities, defaultCity: defaultCityId(cities.keys()) });
	} finally {
		await db.close();
	}
}

let exitCode = 1;
try {
	const answer = await run(process.argv.slice(2));
	for (const line of answer.lines) console.log(line);
	if (answer.error) console.error(`error: ${answer.error}`);
	exitCode = answer.exitCode;
} catch (error) {
	console.error(`error: ${(error as Error).message}`);
}
process.exit(exitCode);
