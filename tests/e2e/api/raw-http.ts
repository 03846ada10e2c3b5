/**
 * HTTP/1.1 by hand, for requests no client library will make: a chunked (no Content-Length)
 * body that goes over the size limit while the client is still uploading.
 */
import { connect } from 'node:net';

export interface RawAnswer {
	/** null when the server closed the connection without answering. */
	status: number | null;
	/** The response body as received (not de-chunked); enough to look for a reason code. */
	body: string;
}

/**
 * POSTs `bytes` of JSON-typed filler as one chunk and keeps the request open (no final chunk),
 * as a phone still uploading on a slow link would. Waits for the answer, the connection's end,
 * or `timeoutMs`.
 */
export function postChunkedAndHold(
	baseURL: string,
	path: string,
	bytes: number,
	cookie = '',
	timeoutMs = 5_000
): Promise<RawAnswer> {
	const url = new URL(baseURL);
	return new Promise((resolve) => {
		const socket = connect(Number(url.port || 80), url.hostname);
		let data = '';
		const finish = () => {
			clearTimeout(timer);
			socket.destroy();
			const match = /^HTTP\/1\.[01] (\d{3})/.exec(data);
			const body = data.slice(data.indexOf('\r\n\r\n') + 4);
			resolve({ status: match ? Number(match[1]) : null, body: match ? body : '' });
		};
		const timer = setTimeout(finish, timeoutMs);
		socket.setEncoding('utf8');
		socket.on('data', (chunk: string) => {
			data += chunk;
			// A JSON error body is complete once its closing brace has arrived.
			const start = data.indexOf('\r\n\r\n');
			if (start >= 0 && data.indexOf('}', start) >= 0) finish();
		});
		socket.on('error', finish);
		socket.on('close', finish);
		const filler = ' '.repeat(bytes);
		socket.write(
			[
				`POST ${path} HTTP/1.1`,
				`host: ${url.host}`,
				'content-type: application/json',
				'transfer-encoding: chunked',
				...(cookie ? [`cookie: ${cookie}`] : []),
				'',
				`${bytes.toString(16)}`,
				filler,
				''
			].join('\r\n')
		);
	});
}
