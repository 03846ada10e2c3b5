/**
 * Each city's pack with its current public places, as the client and open data see it.
 *
 * With every city on one server, a resident's request must cost what their city costs, not the
 * nation: a city's `/api/pack` answer is built once (one indexed read of its published rows)
 * and kept, compressed, until its revision (places-repo `packRevision`: the seeded content plus
 * every published row's last change) moves. Each request still reads that revision, so a place
 * approved or changed through a sync op, by this process or another one on the same
 * PostgreSQL, shows on the next request. Only the brotli bytes are kept (about 4 KB for 84
 * places; 7 MB for all 1,741 cities of the benchmark), not the parsed places: the other
 * encodings are made from them when a client asks for one.
 */
import { brotliCompressSync, brotliDecompressSync, constants, gzipSync } from 'node:zlib';
import type { PackGeometry, PlacePack } from '#lib/domain/model.js';
import type { ClientConfig } from '#lib/config.js';
import { appContext, type AppContext, type CityInfo } from './app-context';
import { clientConfig } from './client-config';
import { contentHash, listPublicPlaces, packIdOfPlace, packRevision } from './places-repo';
import type { CityList } from '#lib/cities.js';
import { apiError } from './http/responses';

/** A city id the server has no pack for (routes answer 404 `unknown_city`). */
export class UnknownCityError extends Error {
	constructor(readonly cityId: string) {
		super(`Unknown city: ${cityId}`);
		this.name = 'UnknownCityError';
	}
}

/** What `/api/pack` answers for one city. */
export interface PackAnswer {
	pack: PlacePack;
	config: ClientConfig;
	revision: string;
}

type Encoding = 'identity' | 'br' | 'gzip';
type Bodies = Map<Encoding, Uint8Array<ArrayBuffer>>;

interface CityState {
	/** The answer of one revision and config, or its promise while a request builds it. */
	answer: { revision: string; configJson: string; bodies: Promise<Bodies> } | null;
	revisions: FreshReads;
}

/**
 * Revision reads of one city, shared by the requests that arrive while one is under way: each
 * request gets a read that *started after it arrived* (it waits for the next one if a read is
 * already running), so sharing never hands it a state older than its own arrival. Twenty
 * residents of one city at once cost two reads, not twenty.
 */
class FreshReads {
	private running: Promise<string> | null = null;
	private next: Promise<string> | null = null;
	constructor(private readonly readRevision: () => Promise<string>) {}

	read(): Promise<string> {
		if (!this.running) {
			const running = this.readRevision().finally(() => {
				if (this.running === running) this.running = null;
			});
			this.running = running;
			return running;
		}
		this.next ??= this.running
			.catch(() => undefined)
			.then(() => {
				this.next = null;
				return this.read();
			});
		return this.next;
	}
}

/** Per context (tests and benchmarks make several), per city. */
const cityStates = new WeakMap<AppContext, Map<string, CityState>>();
const geometryCache = new WeakMap<AppContext, Map<string, Bodies>>();

function loadedPack(ctx: AppContext, cityId: string) {
	const loaded = ctx.packs.get(cityId);
	if (!loaded) throw new UnknownCityError(cityId);
	return loaded;
}

function cityState(ctx: AppContext, cityId: string): CityState {
	let cities = cityStates.get(ctx);
	if (!cities) cityStates.set(ctx, (cities = new Map()));
	let state = cities.get(cityId);
	if (!state) {
		state = { answer: null, revisions: new FreshReads(() => packRevision(ctx.db, cityId)) };
		cities.set(cityId, state);
	}
	return state;
}

export type CityLookup =
	{ ok: true; city: string; loaded: CityInfo } | { ok: false; response: Response };

/** The city asked for, or the default city; an unknown one is 404 `unknown_city`. */
export function findCity(
	ctx: Pick<AppContext, 'packs' | 'defaultPackId'>,
	city?: string | null
): CityLookup {
	const id = city || ctx.defaultPackId;
	const loaded = ctx.packs.get(id);
	if (!loaded) {
		return {
			ok: false,
			response: apiError(404, 'unknown_city', { city: id, known: [...ctx.packs.keys()] })
		};
	}
	return { ok: true, city: id, loaded };
}

/** The city of a place (any city's: ids are unique across cities), or null for an unknown id. */
export async function cityOfPlace(ctx: AppContext, placeId: string): Promise<string | null> {
	const packId = await packIdOfPlace(ctx.db, placeId);
	return packId && ctx.packs.has(packId) ? packId : null;
}

/** The city's pack with its public places now (open data); read fresh, not cached. */
export async function currentPack(cityId?: string, ctx?: AppContext): Promise<PlacePack> {
	const c = ctx ?? (await appContext());
	const loaded = loadedPack(c, cityId ?? c.defaultPackId);
	return { ...loaded.pack, places: await listPublicPlaces(c.db, loaded.pack.id) };
}

export async function currentGeometry(cityId?: string, ctx?: AppContext): Promise<PackGeometry> {
	const c = ctx ?? (await appContext());
	return loadedPack(c, cityId ?? c.defaultPackId).geometry;
}

export async function currentRevision(cityId?: string, ctx?: AppContext): Promise<string> {
	const c = ctx ?? (await appContext());
	const id = cityId ?? c.defaultPackId;
	loadedPack(c, id);
	return cityState(c, id).revisions.read();
}

/** The cities for the browser: the default one and every city's names, in id order. */
export function cityList(ctx: Pick<AppContext, 'packs' | 'defaultPackId'>): CityList {
	return {
		defaultCity: ctx.defaultPackId,
		cities: [...ctx.packs.values()]
			.map(({ pack }) => ({
				id: pack.id,
				name: pack.municipality,
				...(pack.municipalityEn ? { nameEn: pack.municipalityEn } : {})
			}))
			.sort((a, b) => a.id.localeCompare(b.id))
	};
}

/**
 * Brotli at quality 4 (compress.ts uses 5 for other responses), gzip for the rest. A city's
 * answer carries every city's name (about 100 KB with 1,741 cities), so compressing it is
 * most of a first build: on such a body quality 4 took 0.9 ms against 1.4 ms and came out a
 * little smaller (3.9 against 4.1 KB).
 */
function encode(raw: Uint8Array, encoding: Exclude<Encoding, 'identity'>): Uint8Array<ArrayBuffer> {
	return encoding === 'br'
		? brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } })
		: gzipSync(raw, { level: 6 });
}

/** Kept bodies start as brotli; a client that takes only gzip or nothing gets it made once. */
function bodyFor(bodies: Bodies, encoding: Encoding): Uint8Array<ArrayBuffer> {
	let body = bodies.get(encoding);
	if (body) return body;
	let identity = bodies.get('identity');
	if (!identity) bodies.set('identity', (identity = brotliDecompressSync(bodies.get('br')!)));
	body = encoding === 'identity' ? identity : encode(identity, encoding);
	bodies.set(encoding, body);
	return body;
}

function acceptedEncoding(request: Request): Encoding {
	const accepts = request.headers.get('accept-encoding') ?? '';
	return /\bbr\b/.test(accepts) ? 'br' : /\bgzip\b/.test(accepts) ? 'gzip' : 'identity';
}

/** An ETag matches If-None-Match when listed (weak or strong) or the header is `*`. */
function notModified(request: Request, etag: string): boolean {
	const header = request.headers.get('if-none-match');
	if (!header) return false;
	return header
		.split(',')
		.map((t) => t.trim().replace(/^W\//, ''))
		.some((t) => t === '*' || t === etag);
}

function notModifiedResponse(etag: string, cacheControl: string): Response {
	return new Response(null, {
		status: 304,
		headers: { etag, 'cache-control': cacheControl, vary: 'accept-encoding' }
	});
}

/**
 * A kept body, answered as JSON with its ETag (304 when the device has it). Already encoded,
 * it passes the compression hook (hooks.server.ts) untouched.
 */
function jsonResponse(
	request: Request,
	etag: string,
	cacheControl: string,
	bodies: Bodies
): Response {
	if (notModified(request, etag)) return notModifiedResponse(etag, cacheControl);
	const encoding = acceptedEncoding(request);
	const body = bodyFor(bodies, encoding);
	const headers = new Headers({
		'content-type': 'application/json',
		'cache-control': cacheControl,
		etag,
		vary: 'accept-encoding',
		'content-length': String(body.byteLength)
	});
	if (encoding !== 'identity') headers.set('content-encoding', encoding);
	// The Response copies the kept bytes (undici), so sending one never touches the cache.
	return new Response(request.method === 'HEAD' ? null : body, { headers });
}

/**
 * `/api/pack` for one city: `{ pack, config, revision }`, revalidated on every visit
 * (`no-cache`), its ETag the revision (and config) so an unchanged city answers 304 with no
 * body, without building anything.
 */
export async function packResponse(request: Request, cityId?: string): Promise<Response> {
	const ctx = await appContext();
	return answerPack(ctx, request, cityId ?? ctx.defaultPackId);
}

/** `packResponse` on a given context (tests, benchmarks). */
export async function answerPack(
	ctx: AppContext,
	request: Request,
	cityId: string
): Promise<Response> {
	const loaded = loadedPack(ctx, cityId);
	lastAsked.set(ctx, performance.now());
	const state = cityState(ctx, cityId);
	const revision = await state.revisions.read();
	const config = configOf(ctx);
	const etag = `"${revision}-${config.tag}"`;
	if (notModified(request, etag)) return notModifiedResponse(etag, 'no-cache');
	const bodies = await answerBodies(ctx, cityId, loaded, state, revision, config);
	return jsonResponse(request, etag, 'no-cache', bodies);
}

/** The city's answer of `revision`: kept, or built now (and kept). */
function answerBodies(
	ctx: AppContext,
	cityId: string,
	loaded: CityInfo,
	state: CityState,
	revision: string,
	{ json: configJson }: ConfigJson
): Promise<Bodies> {
	let answer = state.answer;
	if (answer?.revision !== revision || answer.configJson !== configJson) {
		// Read after the revision: a change landing in between makes the revision older than
		// the content, so a device rewrites next time (the other order could keep a change
		// out of the cache, and off devices, until the city's next change).
		const bodies = listPublicPlaces(ctx.db, cityId).then((places): Bodies => {
			// The bytes JSON.stringify gives `{ pack, config, revision }` (a PackAnswer), with the
			// config (every city's name: 78 KB for 1,741 cities) serialized once, not per city.
			const body =
				`{"pack":${JSON.stringify({ ...loaded.pack, places })},` +
				`"config":${configJson},"revision":${JSON.stringify(revision)}}`;
			return new Map([['br', encode(Buffer.from(body), 'br')]]);
		});
		const built = (answer = { revision, configJson, bodies });
		state.answer = built;
		// A failed build is dropped, not kept: the next request tries again.
		bodies.catch(() => {
			if (state.answer === built) state.answer = null;
		});
	}
	return answer.bodies;
}

interface ConfigJson {
	/** The client config as JSON: the environment's settings, the default city, every city. */
	json: string;
	/** Its hash's first 8 digits, the ETag's second part. */
	tag: string;
}

/**
 * The config every `/api/pack` answer carries. The default city rides along: staff screens
 * pick their plan by it (client/staff-city.ts). The city list is fixed per context (packs do
 * not change while a server runs) but 1,741 cities make it 78 KB, which serializing and
 * hashing on every request cost more than the rest of a cached answer; it is made once, and
 * the whole again only when the environment's part changes (tests change TILE_URL).
 */
function configOf(ctx: AppContext): ConfigJson {
	const own = JSON.stringify({ ...clientConfig(), defaultCity: ctx.defaultPackId });
	let kept = configs.get(ctx);
	if (kept?.own !== own) {
		kept ??= { citiesJson: JSON.stringify(cityList(ctx)), own, config: { json: '', tag: '' } };
		// `own` ends with `}` and is never `{}` (it has the tiles): the same bytes as
		// JSON.stringify({ ...clientConfig(), defaultCity, cities }).
		const json = `${own.slice(0, -1)},"cities":${kept.citiesJson}}`;
		kept = { ...kept, own, config: { json, tag: contentHash(json).slice(0, 8) } };
		configs.set(ctx, kept);
	}
	return kept.config;
}

const configs = new WeakMap<AppContext, { own: string; citiesJson: string; config: ConfigJson }>();

/** When each context last answered a `/api/pack` request (the background build yields to them). */
const lastAsked = new WeakMap<AppContext, number>();

/** The background build waits until no request has come for this long. */
const IDLE_MS = 200;

/**
 * Builds every city's `/api/pack` answer once after start, one city at a time and only while
 * no resident is asking (none for IDLE_MS), so a city's first resident after a start usually
 * gets a kept answer (with 1,741 cities most requests after a start were a city's first: p95
 * 139 ms on PostgreSQL where a kept answer takes 17 ms) without the build slowing anyone
 * down: under load it waits, and the requests build the cities they ask for. Stops when
 * `signal` aborts (the server's shutdown) or on the first error (a closed database); a city
 * not built here is built on its first request, as before.
 */
export async function prewarmPacks(ctx: AppContext, signal?: AbortSignal): Promise<number> {
	let built = 0;
	for (const cityId of ctx.packs.keys()) {
		for (;;) {
			// First let waiting requests in: PGlite answers through promises alone, so without a
			// turn of the event loop this would build city after city before reading a socket.
			await new Promise((resolve) => setImmediate(resolve));
			const quietFor = performance.now() - (lastAsked.get(ctx) ?? -Infinity);
			if (quietFor >= IDLE_MS || signal?.aborted) break;
			await new Promise((resolve) => setTimeout(resolve, IDLE_MS - quietFor));
		}
		if (signal?.aborted) break;
		const state = cityState(ctx, cityId);
		if (state.answer) continue; // asked for already
		try {
			const revision = await state.revisions.read();
			await answerBodies(ctx, cityId, loadedPack(ctx, cityId), state, revision, configOf(ctx));
			built++;
		} catch {
			break;
		}
	}
	return built;
}

/** `/api/pack/geometry` for one city: it changes only with the deployment's packs. */
export async function geometryResponse(request: Request, cityId?: string): Promise<Response> {
	const ctx = await appContext();
	return answerGeometry(ctx, request, cityId ?? ctx.defaultPackId);
}

/** `geometryResponse` on a given context (tests, benchmarks). */
export function answerGeometry(ctx: AppContext, request: Request, cityId: string): Response {
	const { geometry } = loadedPack(ctx, cityId);
	let cities = geometryCache.get(ctx);
	if (!cities) geometryCache.set(ctx, (cities = new Map()));
	let bodies = cities.get(cityId);
	if (!bodies) cities.set(cityId, (bodies = new Map()));
	let etag = geometryTags.get(geometry);
	if (!etag) geometryTags.set(geometry, (etag = `"${contentHash(geometry).slice(0, 16)}"`));
	if (!bodies.has('br')) bodies.set('br', encode(Buffer.from(JSON.stringify(geometry)), 'br'));
	return jsonResponse(request, etag, 'public, max-age=3600', bodies);
}

const geometryTags = new WeakMap<PackGeometry, string>();

/**
 * The city a staff screen's request works in when it names none: the default city if the
 * account holds it, else the first loaded city it holds; null for an account of no loaded city
 * (answer 403). Records of a city the account does not hold are never read this way.
 */
export function accountCity(
	ctx: Pick<AppContext, 'packs' | 'defaultPackId'>,
	account: { cityIds: readonly string[] }
): string | null {
	if (account.cityIds.includes(ctx.defaultPackId)) return ctx.defaultPackId;
	return account.cityIds.find((c) => ctx.packs.has(c)) ?? null;
}
