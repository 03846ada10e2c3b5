import { json } from '@sveltejs/kit';
import { currentGeometry } from '$lib/server/pack-service';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async () =>
	json(await currentGeometry(), { headers: { 'cache-control': 'public, max-age=3600' } });
