/**
 * Reads a JSON request body against a schema. Bad input becomes a 4xx `{ reason, details }`,
 * never a 500: wrong content type (415), over the size limit (413), not JSON or not the
 * schema's shape — wrong types, unknown fields, invalid dates — (400).
 */
import type { z } from 'zod';
import { describeIssues, MAX_BODY_BYTES } from '#lib/domain/sync/protocol.js';
import { apiError } from './responses';

export type JsonResult<T> = { ok: true; value: T } | { ok: false; response: Response };

export async function readJson<S extends z.ZodType>(
	request: Request,
	schema: S,
	maxBytes = MAX_BODY_BYTES
): Promise<JsonResult<z.infer<S>>> {
	const type = request.headers.get('content-type') ?? '';
	if (!/^application\/json\b/i.test(type)) {
		return {
			ok: false,
			response: apiError(415, 'unsupported_media_type', { expected: 'application/json' })
		};
	}
	const declared = Number(request.headers.get('content-length') ?? '0');
	if (declared > maxBytes)
		return { ok: false, response: apiError(413, 'body_too_large', { maxBytes }) };
	let text: string;
	try {
		text = await readLimited(request, maxBytes);
	} catch {
		const response = apiError(413, 'body_too_large', { maxBytes });
		response.headers.set('connection', 'close');
		return { ok: false, response };
	}
	let data: unknown;
	try {
		data = JSON.parse(text);
	} catch {
		return { ok: false, response: apiError(400, 'invalid_json') };
	}
	const parsed = schema.safeParse(data);
	if (!parsed.success) {
		return { ok: false, response: apiError(400, 'invalid_body', describeIssues(parsed.error)) };
	}
	return { ok: true, value: parsed.data };
}

/** Stops reading past the limit, whatever Content-Length claimed (chunked bodies have none). */
async function readLimited(request: Request, maxBytes: number): Promise<string> {
	if (!request.body) return '';
	const reader = request.body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		size += value.byteLength;
		// Stop reading, but do not cancel: cancelling destroys the socket before the 413 is sent.
		if (size > maxBytes) throw new RangeError('body too large');
		chunks.push(value);
	}
	return new TextDecoder().decode(Buffer.concat(chunks));
}
