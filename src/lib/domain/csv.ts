/**
 * RFC 4180 CSV. Output starts with a UTF-8 BOM because Excel on Japanese Windows otherwise
 * reads UTF-8 as Shift_JIS and shows mojibake; lines end in CRLF as Excel writes them.
 */

export const UTF8_BOM = '\uFEFF';

export function parseCsv(text: string): string[][] {
	const src = text.startsWith(UTF8_BOM) ? text.slice(1) : text;
	const rows: string[][] = [];
	let row: string[] = [];
	let field = '';
	let quoted = false;
	for (let i = 0; i < src.length; i++) {
		const ch = src[i]!;
		if (quoted) {
			if (ch === '"') {
				if (src[i + 1] === '"') {
					field += '"';
					i++;
				} else quoted = false;
			} else field += ch;
		} else if (ch === '"') quoted = true;
		else if (ch === ',') {
			row.push(field);
			field = '';
		} else if (ch === '\n' || ch === '\r') {
			if (ch === '\r' && src[i + 1] === '\n') i++;
			row.push(field);
			rows.push(row);
			row = [];
			field = '';
		} else field += ch;
	}
	if (field.length > 0 || row.length > 0) {
		row.push(field);
		rows.push(row);
	}
	return rows.filter((r) => r.length > 1 || r[0] !== '');
}

/** Rows as objects keyed by the header row. */
export function parseCsvRecords(text: string): Record<string, string>[] {
	const [header, ...rows] = parseCsv(text);
	if (!header) return [];
	return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

function escapeField(value: string | number | null | undefined): string {
	if (value === null || value === undefined) return '';
	const s = String(value);
	// A leading =, +, - or @ makes Excel evaluate the cell (CSV injection); prefix a quote mark.
	const safe = /^[=+\-@\t\r]/.test(s) && !/^-?\d+(\.\d+)?$/.test(s) ? `'${s}` : s;
	return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(rows: readonly (readonly (string | number | null | undefined)[])[]): string {
	return UTF8_BOM + rows.map((r) => r.map(escapeField).join(',')).join('\r\n') + '\r\n';
}
