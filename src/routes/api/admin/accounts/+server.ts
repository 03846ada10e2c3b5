import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { isStorableText } from '#lib/domain/text-safety.js';
import { canManageAccounts, ROLES } from '#lib/domain/policy.js';
import { appContext } from '#lib/server/app-context.js';
import {
	createAccount,
	findAccountByEmail,
	listAccounts,
	MIN_PASSWORD_LENGTH
} from '#lib/server/auth/accounts-repo.js';
import { passwordProblem } from '#lib/server/auth/password-policy.js';
import { requireAccount } from '#lib/server/http/guards.js';
import { NO_QUERY } from '#lib/server/http/query-schemas.js';
import { readJson } from '#lib/server/http/read-json.js';
import { readQuery } from '#lib/server/http/read-query.js';
import { apiError } from '#lib/server/http/responses.js';
import type { RequestHandler } from './$types';

const createSchema = z.strictObject({
	email: z.email().max(254),
	password: z.string().min(MIN_PASSWORD_LENGTH).max(200).refine(isStorableText, 'unstorable_text'),
	role: z.enum(ROLES),
	districtIds: z
		.array(z.string().regex(/^[a-z0-9-]{1,40}$/))
		.max(20)
		.default([])
});

/** Accounts, for admins: the same operations as `npm run user`, for a running server. */
export const GET: RequestHandler = async (event) => {
	const guard = requireAccount(event);
	if (!guard.ok) return guard.response;
	if (!canManageAccounts(guard.account)) return apiError(403, 'forbidden');
	const query = readQuery(event.url, NO_QUERY);
	if (!query.ok) return query.response;
	return json({ accounts: await listAccounts((await appContext()).db) });
};

export const POST: RequestHandler = async (event) => {
	const guard = requireAccount(event);
	if (!guard.ok) return guard.response;
	if (!canManageAccounts(guard.account)) return apiError(403, 'forbidden');
	const query = readQuery(event.url, NO_QUERY);
	if (!query.ok) return query.response;
	const body = await readJson(event.request, createSchema, 8192);
	if (!body.ok) return body.response;
	const ctx = await appContext();
	const known = new Set([...ctx.packs.values()].flatMap((p) => p.pack.districts.map((d) => d.id)));
	const unknown = body.value.districtIds.filter((d) => !known.has(d));
	if (unknown.length) return apiError(400, 'unknown_district', { districtIds: unknown });
	if (await findAccountByEmail(ctx.db, body.value.email)) return apiError(409, 'email_taken');
	const rule = passwordProblem(body.value.password, body.value.email);
	if (rule) return apiError(400, 'weak_password', { rule });
	const account = await createAccount(ctx.db, body.value);
	return json({ account }, { status: 201 });
};
