import { defineConfig, devices, type PlaywrightTestConfig } from '@playwright/test';

// E2E_PORT lets a second checkout run its suite beside this one (e.g. a git worktree). The
// behind-proxy project's server takes E2E_PORT + 10.
const PORT = Number(process.env.E2E_PORT ?? 4173);
const PROXY_PORT = PORT + 10;
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
/** The README's first-account path: the only settings a first-time deployer gives. */
const FIRST_ADMIN_ENV = {
	BOOTSTRAP_ADMIN_EMAIL: E2E_ADMIN.email,
	BOOTSTRAP_ADMIN_PASSWORD: E2E_ADMIN.password
};

/**
 * The projects a run asked for (`--project x`, `--project=x`), or null for all. The
 * behind-proxy server starts only when its project runs: Playwright starts every webServer.
 */
function requestedProjects(argv: readonly string[] = process.argv): string[] | null {
	const names = argv.flatMap((arg, i) =>
		arg === '--project' ? [argv[i + 1] ?? ''] : arg.startsWith('--project=') ? [arg.slice(10)] : []
	);
	return names.length ? names : null;
}
const requested = requestedProjects();
const runsBehindProxy = !requested || requested.includes('behind-proxy');
const runsDefault = !requested || requested.some((name) => name !== 'behind-proxy');

/**
 * The default server runs the production build exactly as the README's `npm start` does:
 * `node build`, no ORIGIN, no HOST, plain http on localhost; only the bootstrap admin is set,
 * and DATA_DIR points at a fresh directory (Playwright empties test-results/ before it starts;
 * the command empties it too, for a run that keeps it).
 */
const readmeServer: NonNullable<PlaywrightTestConfig['webServer']> = {
	command: `rm -rf test-results/server-${PORT} && exec node build`,
	url: `http://localhost:${PORT}/api/prefs`,
	reuseExistingServer: false,
	timeout: 90_000,
	env: { PORT: String(PORT), DATA_DIR: `test-results/server-${PORT}/data`, ...FIRST_ADMIN_ENV }
};

/**
 * The same build behind a TLS-terminating proxy: ORIGIN=https://localhost:<port>, client
 * address from X-Forwarded-For (tests/e2e/behind-proxy/serve.mjs). Chromium takes the
 * throwaway certificate with ignoreHTTPSErrors.
 */
const proxiedServer: NonNullable<PlaywrightTestConfig['webServer']> = {
	command: `node tests/e2e/behind-proxy/serve.mjs ${PROXY_PORT} test-results/behind-proxy-${PROXY_PORT}`,
	url: `https://localhost:${PROXY_PORT}/api/prefs`,
	ignoreHTTPSErrors: true,
	reuseExistingServer: false,
	timeout: 90_000,
	env: FIRST_ADMIN_ENV
};

/**
 * End-to-end tests run against the production build (`npm run build` first): the service
 * worker only exists there.
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
		baseURL: `http://localhost:${PORT}`,
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
		},
		{
			// Both ways of running stay covered: the README's plain http above, a proxy's https here.
			name: 'behind-proxy',
			use: {
				...devices['Pixel 7'],
				defaultBrowserType: 'chromium',
				baseURL: `https://localhost:${PROXY_PORT}`,
				ignoreHTTPSErrors: true
			},
			testMatch: /(sign-in|api-authorization)\.spec\.ts$/
		}
	],
	webServer: [...(runsDefault ? [readmeServer] : []), ...(runsBehindProxy ? [proxiedServer] : [])]
});
