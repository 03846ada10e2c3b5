/**
 * Japan's national holidays (国民の祝日に関する法律), computed so they are known offline:
 * fixed days, Happy Monday days, the equinoxes (the standard approximation, exact for
 * 1980–2099), the 2019–2021 special days, substitute holidays (振替休日) and days between two
 * holidays (国民の休日). Valid for 2007–2099, the range the app's records can hold.
 */

const cache = new Map<number, Map<string, string>>();

const iso = (y: number, m: number, d: number) =>
	`${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
const weekday = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d)).getUTCDay();

/** Day of month of the nth Monday. */
function nthMonday(y: number, m: number, n: number): number {
	const first = weekday(y, m, 1);
	return 1 + ((8 - first) % 7) + (n - 1) * 7;
}

function vernalEquinox(y: number): number {
	return Math.floor(20.8431 + 0.242194 * (y - 1980) - Math.floor((y - 1980) / 4));
}
function autumnalEquinox(y: number): number {
	return Math.floor(23.2488 + 0.242194 * (y - 1980) - Math.floor((y - 1980) / 4));
}

function baseHolidays(y: number): [string, string][] {
	const h: [number, number, string][] = [
		[1, 1, '元日'],
		[1, nthMonday(y, 1, 2), '成人の日'],
		[2, 11, '建国記念の日'],
		[3, vernalEquinox(y), '春分の日'],
		[4, 29, '昭和の日'],
		[5, 3, '憲法記念日'],
		[5, 4, 'みどりの日'],
		[5, 5, 'こどもの日'],
		[9, nthMonday(y, 9, 3), '敬老の日'],
		[9, autumnalEquinox(y), '秋分の日'],
		[11, 3, '文化の日'],
		[11, 23, '勤労感謝の日']
	];
	if (y >= 2020) h.push([2, 23, '天皇誕生日']);
	else if (y <= 2018) h.push([12, 23, '天皇誕生日']);
	// The Tokyo Olympics moved three holidays in 2020 and 2021 (special measures acts).
	if (y === 2020) h.push([7, 23, '海の日'], [7, 24, 'スポーツの日'], [8, 10, '山の日']);
	else if (y === 2021) h.push([7, 22, '海の日'], [7, 23, 'スポーツの日'], [8, 8, '山の日']);
	else {
		h.push([7, nthMonday(y, 7, 3), '海の日']);
		h.push([10, nthMonday(y, 10, 2), y >= 2020 ? 'スポーツの日' : '体育の日']);
		if (y >= 2016) h.push([8, 11, '山の日']);
	}
	if (y === 2019) h.push([5, 1, '天皇の即位の日'], [10, 22, '即位礼正殿の儀']);
	return h.map(([m, d, name]) => [iso(y, m, d), name]);
}

function holidaysOf(y: number): Map<string, string> {
	const cached = cache.get(y);
	if (cached) return cached;
	const map = new Map(baseHolidays(y));
	const DAY = 86_400_000;
	const toIso = (t: number) => new Date(t).toISOString().slice(0, 10);
	// 国民の休日: a weekday between two holidays.
	for (const day of [...map.keys()]) {
		const t = Date.parse(`${day}T00:00:00Z`);
		const next = toIso(t + DAY);
		const after = toIso(t + 2 * DAY);
		if (!map.has(next) && map.has(after) && new Date(t + DAY).getUTCDay() !== 0) {
			map.set(next, '国民の休日');
		}
	}
	// 振替休日: a holiday on a Sunday moves to the next day that is not a holiday.
	for (const day of [...map.keys()].sort()) {
		const t = Date.parse(`${day}T00:00:00Z`);
		if (new Date(t).getUTCDay() !== 0) continue;
		let sub = t + DAY;
		while (map.has(toIso(sub))) sub += DAY;
		map.set(toIso(sub), '振替休日');
	}
	cache.set(y, map);
	return map;
}

/** The holiday's name for a YYYY-MM-DD date, or null on an ordinary day. */
export function holidayName(isoDate: string): string | null {
	const y = Number(isoDate.slice(0, 4));
	if (!Number.isInteger(y)) return null;
	return holidaysOf(y).get(isoDate) ?? null;
}
