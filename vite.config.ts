import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { shellChunk } from './scripts/shell-chunk.ts';

export default defineConfig({
	plugins: [sveltekit()],
	resolve: {
		// Leaflet 1.9's package.json points only at its UMD bundle, which the bundler cannot trim;
		// its ES module build lets the parts the app never calls drop out (~1.5 KB gzip).
		alias: [{ find: /^leaflet$/, replacement: 'leaflet/dist/leaflet-src.esm.js' }]
	},
	build: { rolldownOptions: { output: { codeSplitting: { groups: [shellChunk()] } } } },
	server: { port: 5173 },
	test: {
		include: ['tests/unit/**/*.test.ts'],
		// A throwaway PostgreSQL cluster: server tests run on both PGlite and PostgreSQL.
		globalSetup: ['tests/postgres/start-postgres.ts'],
		environment: 'node',
		// Two cores: keep the worker pool small so PGlite suites do not starve each other.
		maxWorkers: 2,
		// Upper bounds, not targets: a busy 2-core CI machine must not turn slow into failed.
		testTimeout: 60_000,
		// beforeAll hooks open a database and seed the pack: as heavy as a test.
		hookTimeout: 60_000
	}
});
