import { defineConfig, devices } from '@playwright/test';

// E2E_PORT lets a second checkout run its suite beside this one (e.g. a git worktree).
const PORT = Number(process.env.E2E_PORT ?? 4173);
/** The first admin of the test server; tests create every other account through the API. */
export const E2E_ADMIN = { email: 'admin@example.test', password: 'e2e-admin-password' };
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--disable-quic',
	'--no-first-run'
];

/**
 * End-to-end tests run against the production build (`npm run build` first): the service
 * worker only exists there. The server uses an in-memory PGlite so every run starts clean.
 */
export default defineConfig({
	testDir: 'tests/e2e',
	// Two cores: one for the server, one for a browser. More workers only add flakiness.
	workers: 1,
	fullyParallel: false,
	retries: process.env.CI ? 1 : 0,
	timeout: 45_000,
	expect: { timeout: 10_000 },
	reporter: process.env.CI ? [['list']] : [['list']],
	use: {
		baseURL: `http://127.0.0.1:${PORT}`,
		locale: 'ja-JP',
		timezoneId: 'Asia/Tokyo',
		trace: 'retain-on-failure',
		launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS }
	},
	projects: [
		{
			name: 'phone',
			use: { ...devices['Pixel 7'], defaultBrowserType: 'chromium' },
			testIgnore: /\.desktop\.spec\.ts$/
		},
		{
			name: 'desktop',
			use: { viewport: { width: 1280, height: 900 } },
			testMatch: /(\.desktop|a11y)\.spec\.ts$/
		}
	],
	webServer: {
		command: 'node build',
		url: `http://127.0.0.1:${PORT}/api/prefs`,
		reuseExistingServer: false,
		timeout: 60_000,
		env: {
			PORT: String(PORT),
			HOST: '127.0.0.1',
			DATA_DIR: 'memory://',
			ORIGIN: `http://127.0.0.1:${PORT}`,
			BOOTSTRAP_ADMIN_EMAIL: E2E_ADMIN.email,
			BOOTSTRAP_ADMIN_PASSWORD: E2E_ADMIN.password
		}
	}
});
