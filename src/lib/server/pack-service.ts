/** The deployment's pack with its current public places, as the client and open data see it. */
import type { PlacePack } from '#lib/domain/model.js';
import { appContext } from './app-context';
import { listPublicPlaces, packRevision } from './places-repo';

export async function currentPack(): Promise<PlacePack> {
	const ctx = await appContext();
	const loaded = ctx.packs.get(ctx.defaultPackId)!;
	return { ...loaded.pack, places: await listPublicPlaces(ctx.db, loaded.pack.id) };
}

export async function currentGeometry() {
	const ctx = await appContext();
	return ctx.packs.get(ctx.defaultPackId)!.geometry;
}

export async function currentRevision(): Promise<string> {
	const ctx = await appContext();
	return packRevision(ctx.db, ctx.defaultPackId);
}
