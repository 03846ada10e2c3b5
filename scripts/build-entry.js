/**
 * The entry point of every build (`node build`): vite.config.ts puts it in place of
 * adapter-node's index.js, renamed main.js.
 *
 * Why: scripts/build.ts deletes old builds, and a server still running from one of them serves its
 * client files from there. While this process runs, a file named after its pid under `.servers/`
 * in its own build marks that build as in use; a clean exit removes it, and a marker left by a
 * killed process names a dead pid, which scripts/build.ts ignores.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const servers = fileURLToPath(new URL('./.servers/', import.meta.url));
const marker = `${servers}${process.pid}`;
try {
	mkdirSync(servers, { recursive: true });
	writeFileSync(marker, '');
	process.on('exit', () => rmSync(marker, { force: true }));
} catch {
	// A read-only build: nothing can delete it either.
}

await import('./main.js');
