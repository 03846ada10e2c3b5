import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { isStorableText } from '#lib/domain/text-safety.js';
import {
	canManageAccountOf,
	canManageAccounts,
	canSeeAccountOf,
	ROLES
} from '#lib/domain/policy.js';
import { appContext } from '#lib/server/app-context.js';
import {
	createAccount,
	findAccountByEmail,
	listAccounts,
	MIN_PASSWORD_LENGTH
} from '#lib/server/auth/accounts-repo.js';
import { accountCityProblem, cityDistrictsOf } from '#lib/server/auth/account-cities.js';
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
	/** The account's cities; absent: the admin's own. */
	cityIds: z
		.array(z.string().regex(/^[a-z0-9-]{1,60}$/))
		.min(1)
		.max(20)
		.optional(),
	districtIds: z
		.array(z.string().regex(/^[a-z0-9-]{1,40}$/))
		.max(20)
		.default([])
});

/**
 * Accounts, for admins: the same operations as `npm run user`, for a running server, within
 * the admin's cities — the list holds the accounts sharing one of them, and an account is made
 * only of cities the admin holds all of.
 */
export const GET: RequestHandler = async (event) => {
	const guard = requireAccount(event);
	if (!guard.ok) return guard.response;
	if (!canManageAccounts(guard.account)) return apiError(403, 'forbidden');
	const query = readQuery(event.url, NO_QUERY);
	if (!query.ok) return query.response;
	const accounts = await listAccounts((await appContext()).db);
	return json({ accounts: accounts.filter((a) => canSeeAccountOf(guard.account, a.cityIds)) });
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
	const cityIds = body.value.cityIds ?? guard.account.cityIds;
	const problem = accountCityProblem(cityDistrictsOf(ctx.packs), cityIds, body.value.districtIds);
	if (problem?.reason === 'unknown_city') {
		return apiError(400, 'unknown_city', { cityIds: problem.cityIds });
	}
	if (!canManageAccountOf(guard.account, cityIds)) {
		return apiError(403, 'forbidden', {
			cityIds: cityIds.filter((c) => !guard.account.cityIds.includes(c))
		});
	}
	if (problem) return apiError(400, 'unknown_district', { districtIds: problem.districtIds });
	if (await findAccountByEmail(ctx.db, body.value.email)) return apiError(409, 'email_taken');
	const rule = passwordProblem(body.value.password, body.value.email);
	if (rule) return apiError(400, 'weak_password', { rule });
	const account = await createAccount(ctx.db, { ...body.value, cityIds });
	return json({ account }, { status: 201 });
};
