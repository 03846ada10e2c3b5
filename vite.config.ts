import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	server: { port: 5173 },
	test: {
		include: ['tests/unit/**/*.test.ts'],
		environment: 'node',
		// Two cores: keep the worker pool small so PGlite suites do not starve each other.
		maxWorkers: 2,
		testTimeout: 20_000
	}
});
