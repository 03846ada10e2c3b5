/**
 * After restoring the database from a backup (README, "Backups"), run once before starting the
 * server: `npm run after-restore`. Every device then starts its sync over with the restored data
 * (keeping its unsent edits) instead of skipping changes behind a cursor from the lost feed.
 * Uses DATABASE_URL, or the PGlite directory DATA_DIR (default .data), like `npm run user`.
 */
import { exitIfDataDirLocked } from '../src/lib/server/db/data-dir-lock';
import { openDatabase } from '../src/lib/server/db/open-database';
import { startDevicesOver } from '../src/lib/server/sync/change-feed';

const db = await openDatabase({
	databaseUrl: process.env.DATABASE_URL || undefined,
	dataDir: process.env.DATA_DIR || '.data'
}).catch(exitIfDataDirLocked);
let exitCode = 0;
try {
	const line = await startDevicesOver(db);
	console.log(`Every device starts over on its next sync (purge line ${line}).`);
} catch (error) {
	console.error(`error: ${(error as Error).message}`);
	exitCode = 1;
} finally {
	await db.close();
}
process.exit(exitCode);
