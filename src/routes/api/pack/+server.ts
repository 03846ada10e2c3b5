import { json } from '@sveltejs/kit';
import { clientConfig } from '$lib/server/client-config';
import { currentPack } from '$lib/server/pack-service';
import type { RequestHandler } from './$types';

/** The pack with its public places and the client config. Revalidated on every visit. */
export const GET: RequestHandler = async () =>
	json(
		{ pack: await currentPack(), config: clientConfig() },
		{ headers: { 'cache-control': 'no-cache' } }
	);
