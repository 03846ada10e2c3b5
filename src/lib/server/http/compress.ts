/**
 * Compresses rendered pages and API JSON. adapter-node precompresses static files but sends
 * rendered responses as they are; on a weak signal the 70 KB page is the slowest part of a
 * first visit. Brotli at a low quality costs about a millisecond here and saves ~80 %.
 */
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const COMPRESSIBLE = /^(text\/|application\/(json|geo\+json|javascript|manifest\+json))/;
const MIN_BYTES = 1024;

export async function compressResponse(request: Request, response: Response): Promise<Response> {
	const type = response.headers.get('content-type') ?? '';
	if (
		!response.body ||
		response.headers.has('content-encoding') ||
		!COMPRESSIBLE.test(type) ||
		// A stream of live notices (api/sync/events) never ends: reading it whole would hang.
		/^text\/event-stream\b/i.test(type) ||
		request.method === 'HEAD'
	) {
		return response;
	}
	const accepts = request.headers.get('accept-encoding') ?? '';
	const encoding = /\bbr\b/.test(accepts) ? 'br' : /\bgzip\b/.test(accepts) ? 'gzip' : null;
	if (!encoding) return response;
	const raw = Buffer.from(await response.arrayBuffer());
	const headers = new Headers(response.headers);
	headers.append('vary', 'accept-encoding');
	if (raw.byteLength < MIN_BYTES) return new Response(raw, { status: response.status, headers });
	const body =
		encoding === 'br'
			? brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } })
			: gzipSync(raw, { level: 6 });
	headers.set('content-encoding', encoding);
	headers.set('content-length', String(body.byteLength));
	return new Response(body, { status: response.status, statusText: response.statusText, headers });
}
