/**
 * Reads a request's query string against the endpoint's strict schema (query-schemas.ts). Bad
 * input becomes 400 `invalid_query` with `[{ path, code }]`, never a guess and never a 500:
 * - a parameter the endpoint does not know is named: `{ path: '<name>', code: 'unrecognized_keys' }`
 *   (a typo such as `fy` → `fY` must not silently fall back to a default);
 * - a parameter given twice is `{ path: '<name>', code: 'duplicate' }` (which one would count?);
 * - wrong types and out-of-range values carry the schema's issue code.
 * Details never echo values; a name is cut to 64 characters.
 */
import type { z } from 'zod';
import { apiError } from './responses';

export type QueryResult<T> = { ok: true; value: T } | { ok: false; response: Response };

export interface QueryIssue {
	path: string;
	code: string;
}

const MAX_ISSUES = 10;
const MAX_NAME = 64;

export function readQuery<S extends z.ZodType>(url: URL, schema: S): QueryResult<z.output<S>> {
	const params: Record<string, string> = {};
	const issues: QueryIssue[] = [];
	for (const [name, value] of url.searchParams) {
		if (Object.hasOwn(params, name)) {
			if (!issues.some((i) => i.path === name)) issues.push({ path: cut(name), code: 'duplicate' });
		} else {
			params[name] = value;
		}
	}
	if (issues.length) return invalid(issues);
	const parsed = schema.safeParse(params);
	if (!parsed.success) return invalid(queryIssues(parsed.error));
	return { ok: true, value: parsed.data };
}

/** Zod issues as `{ path, code }`, one per unknown parameter so each is named. */
export function queryIssues(error: z.ZodError): QueryIssue[] {
	return error.issues
		.flatMap((issue): QueryIssue[] => {
			if (issue.code === 'unrecognized_keys') {
				return issue.keys.map((key) => ({ path: cut(key), code: 'unrecognized_keys' }));
			}
			const message = issue.message;
			return [
				{
					path: issue.path.map(String).join('.'),
					code: message && /^[a-z_]+$/.test(message) ? message : issue.code
				}
			];
		})
		.slice(0, MAX_ISSUES);
}

function invalid(issues: QueryIssue[]): QueryResult<never> {
	return { ok: false, response: apiError(400, 'invalid_query', issues.slice(0, MAX_ISSUES)) };
}

function cut(name: string): string {
	return name.length > MAX_NAME ? `${name.slice(0, MAX_NAME)}…` : name;
}
