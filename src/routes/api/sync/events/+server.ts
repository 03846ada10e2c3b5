/**
 * Live notices for a signed-in device (server-sent events): `change` with the newest seq the
 * account may read, never the change itself — the device pulls (same view: visible-seq.ts).
 * Events: `ready` once connected (its id is where listening starts), `change` (id: the seq),
 * `ping` every PING_MS (keeps proxies from closing an idle response, and lets the device see a
 * dead one). A response lasts LIFETIME_MS, then EventSource reconnects on its own with
 * `Last-Event-ID`, and the session and the account's view are checked again.
 */
import { appContext, liveFeed } from '#lib/server/app-context.js';
import { requireAccount } from '#lib/server/http/guards.js';
import { liveQuerySchema } from '#lib/server/http/query-schemas.js';
import { readQuery } from '#lib/server/http/read-query.js';
import type { RequestHandler } from './$types';

const PING_MS = 25_000;
const LIFETIME_MS = 120_000;
/** How long EventSource waits before reconnecting after a response ended. */
const RETRY_MS = 2_000;

const encoder = new TextEncoder();

/** A `Last-Event-ID` the browser repeats: a seq this server gave, or nothing. */
function lastEventId(request: Request): number | undefined {
	const value = request.headers.get('last-event-id');
	if (!value || !/^\d{1,15}$/.test(value)) return undefined;
	return Number(value);
}

export const GET: RequestHandler = async (event) => {
	const guard = requireAccount(event);
	if (!guard.ok) return guard.response;
	const query = readQuery(event.url, liveQuerySchema);
	if (!query.ok) return query.response;
	await appContext();
	const feed = await liveFeed();
	const since = lastEventId(event.request) ?? query.value.since ?? (await feed.clock());
	const actor = guard.account;

	let open = true;
	let unlisten = () => {};
	const timers: ReturnType<typeof setTimeout>[] = [];
	/** The device went away, the response's time is up, or the server is stopping. */
	const stop = () => {
		open = false;
		unlisten();
		// clearTimeout clears intervals too (Node and browsers share the id space).
		for (const timer of timers) clearTimeout(timer);
	};
	const stream = new ReadableStream<Uint8Array>({
		start(controller) {
			const end = () => {
				if (!open) return;
				stop();
				try {
					controller.close();
				} catch {
					// already closed by the device going away
				}
			};
			const send = (text: string) => {
				if (!open) return;
				try {
					controller.enqueue(encoder.encode(text));
				} catch {
					end();
				}
			};
			send(`retry: ${RETRY_MS}\nevent: ready\nid: ${since}\ndata: ${since}\n\n`);
			unlisten = feed.listen(actor, since, {
				notify: (seq) => send(`event: change\nid: ${seq}\ndata: ${seq}\n\n`),
				end
			});
			timers.push(setInterval(() => send('event: ping\ndata: 0\n\n'), PING_MS));
			timers.push(setTimeout(end, LIFETIME_MS));
		},
		cancel: stop
	});
	return new Response(stream, {
		headers: {
			'content-type': 'text/event-stream; charset=utf-8',
			'cache-control': 'no-store',
			// nginx and others buffer a proxied response unless told not to.
			'x-accel-buffering': 'no'
		}
	});
};
