/** JSON error bodies are always `{ reason, details }`: a code the client can show, and context. */
import { json } from '@sveltejs/kit';

export function apiError(status: number, reason: string, details: unknown = null): Response {
	return json({ reason, details }, { status });
}
