import { json } from '@sveltejs/kit';
import { serverHealth } from '#lib/server/app-context.js';
import { apiError } from '#lib/server/http/responses.js';
import type { RequestHandler } from './$types';

/**
 * For a supervisor or load balancer: 200 while the database answers, 503 with the reason once the
 * watchdog has found it stuck (the process then exits and is restarted). Reads no database.
 */
export const GET: RequestHandler = () => {
	const health = serverHealth();
	// The watchdog has one way to be unhealthy: the database stopped answering.
	if (!health.healthy) return apiError(503, 'database_unresponsive', health.details);
	return json({ status: 'ok' }, { headers: { 'cache-control': 'no-store' } });
};
