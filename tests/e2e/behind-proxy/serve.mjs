/**
 * The e2e "behind-proxy" server: the production build as a deployer runs it behind a
 * TLS-terminating reverse proxy (README, "Behind a reverse proxy"). `node build` listens on a
 * unix socket with `ORIGIN=https://localhost:<port>`, `ADDRESS_HEADER=X-Forwarded-For` and
 * `XFF_DEPTH=1`; this process is the proxy: https on <port> with a throwaway self-signed
 * certificate (made with openssl at each start), passing every request on with
 * X-Forwarded-For / -Proto / -Host, as nginx or Caddy would. One TCP port, so suites of
 * several checkouts can run side by side (E2E_PORT).
 *
 * Usage (playwright.config.ts): node tests/e2e/behind-proxy/serve.mjs <port> <work dir>
 */
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createServer } from 'node:https';
import { join, resolve } from 'node:path';

const port = Number(process.argv[2]);
const dir = resolve(process.argv[3] ?? `test-results/behind-proxy-${port}`);
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const socketPath = join(dir, 'app.sock');
const key = join(dir, 'key.pem');
const cert = join(dir, 'cert.pem');
execFileSync(
	'openssl',
	['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=localhost'].concat([
		'-addext',
		'subjectAltName=DNS:localhost',
		'-keyout',
		key,
		'-out',
		cert
	]),
	{ stdio: 'ignore' }
);

const app = spawn(process.execPath, ['build'], {
	stdio: 'inherit',
	env: {
		...process.env,
		SOCKET_PATH: socketPath,
		ORIGIN: `https://localhost:${port}`,
		ADDRESS_HEADER: 'X-Forwarded-For',
		XFF_DEPTH: '1',
		DATA_DIR: join(dir, 'data')
	}
});
app.on('exit', (code) => process.exit(code ?? 1));

const proxy = createServer({ key: readFileSync(key), cert: readFileSync(cert) }, (req, res) => {
	const forwardedFor = [req.headers['x-forwarded-for'], req.socket.remoteAddress]
		.filter(Boolean)
		.join(', ');
	const upstream = httpRequest(
		{
			socketPath,
			method: req.method,
			path: req.url,
			headers: {
				...req.headers,
				'x-forwarded-for': forwardedFor,
				'x-forwarded-proto': 'https',
				'x-forwarded-host': req.headers.host ?? ''
			}
		},
		(answer) => {
			res.writeHead(answer.statusCode ?? 502, answer.headers);
			answer.pipe(res);
		}
	);
	// Until the app listens (and if it fails), answer 502 as a proxy does.
	upstream.on('error', () => {
		if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
		res.end('bad gateway');
	});
	req.pipe(upstream);
});
proxy.listen(port, 'localhost');

for (const signal of ['SIGINT', 'SIGTERM']) {
	process.on(signal, () => {
		proxy.close();
		app.kill(signal);
	});
}
