/**
 * Open data in the national layouts (自治体標準オープンデータセット) beside the app's own CSV:
 * - 指定緊急避難場所一覧: every public place designated 指定緊急避難場所, one `災害種別_…` column
 *   per hazard (1 = designated for it, empty = not), `指定避難所との重複` 1 when the site is also
 *   a 指定避難所. Columns as in the current layout (所在地_連結表記 and its parts, 39 columns).
 * - 公共施設一覧: the places in the public-facility category, in the layout with 住所 and
 *   都道府県コード又は市区町村コード (24 columns).
 * The column lists are in docs/api.md with where they were checked. Cells the app does not
 * know (capacity, 町字ID, phone separate from the consented contact) stay empty, as the layouts
 * allow for 推奨 and 任意 columns. Framework-free: the caller passes the pack (any city's) and
 * the words for accessibility and weekdays.
 */
import { toCsv } from './csv';
import type { AccessibilityId, HazardId, Place, PlacePack } from './model';
import { describeSchedule } from './schedule';

/** JIS X 0401 prefecture names, by the first two digits of a local government code. */
const PREFECTURES = [
	'',
	'北海道',
	'青森県',
	'岩手県',
	'宮城県',
	'秋田県',
	'山形県',
	'福島県',
	'茨城県',
	'栃木県',
	'群馬県',
	'埼玉県',
	'千葉県',
	'東京都',
	'神奈川県',
	'新潟県',
	'富山県',
	'石川県',
	'福井県',
	'山梨県',
	'長野県',
	'岐阜県',
	'静岡県',
	'愛知県',
	'三重県',
	'滋賀県',
	'京都府',
	'大阪府',
	'兵庫県',
	'奈良県',
	'和歌山県',
	'鳥取県',
	'島根県',
	'岡山県',
	'広島県',
	'山口県',
	'徳島県',
	'香川県',
	'愛媛県',
	'高知県',
	'福岡県',
	'佐賀県',
	'長崎県',
	'熊本県',
	'大分県',
	'宮崎県',
	'鹿児島県',
	'沖縄県'
] as const;

/**
 * The 6-digit 全国地方公共団体コード: the 5-digit code and its check digit (weights 6–2,
 * modulus 11). 11241 (鶴ヶ島市) → 112411; 01100 (札幌市) → 011002.
 */
export function localGovernmentCode(code5: string): string {
	if (!/^\d{5}$/.test(code5)) throw new RangeError(`not a 5-digit local government code: ${code5}`);
	const sum = [...code5].reduce((s, d, i) => s + Number(d) * (6 - i), 0);
	return `${code5}${(11 - (sum % 11)) % 10}`;
}

export function prefectureOf(code5: string): string {
	return PREFECTURES[Number(code5.slice(0, 2))] ?? '';
}

/** 所在地_連結表記: from the prefecture on, however the address was entered. */
export function fullAddress(address: string, prefecture: string, municipality: string): string {
	if (address.startsWith(prefecture)) return address;
	if (address.startsWith(municipality)) return `${prefecture}${address}`;
	return `${prefecture}${municipality}${address}`;
}

export const HAZARD_COLUMNS: Record<HazardId, string> = {
	flood: '災害種別_洪水',
	landslide: '災害種別_崖崩れ、土石流及び地滑り',
	storm_surge: '災害種別_高潮',
	earthquake: '災害種別_地震',
	tsunami: '災害種別_津波',
	large_fire: '災害種別_大規模な火事',
	inland_flooding: '災害種別_内水氾濫',
	volcano: '災害種別_火山現象'
};

export const EVACUATION_SITE_COLUMNS = [
	'全国地方公共団体コード',
	'ID',
	'名称',
	'名称_カナ',
	'名称_英字',
	'所在地_全国地方公共団体コード',
	'町字ID',
	'所在地_連結表記',
	'所在地_都道府県',
	'所在地_市区町村',
	'所在地_町字',
	'所在地_番地以下',
	'建物名等(方書)',
	'緯度',
	'経度',
	'標高',
	'電話番号',
	'内線番号',
	'連絡先メールアドレス',
	'連絡先FormURL',
	'連絡先備考（その他、SNSなど）',
	'郵便番号',
	'市区町村コード',
	'地方公共団体名',
	...Object.values(HAZARD_COLUMNS),
	'指定避難所との重複',
	'想定収容人数',
	'対象となる町会・自治会',
	'URL',
	'画像',
	'画像_ライセンス',
	'備考'
] as const;

export const PUBLIC_FACILITY_COLUMNS = [
	'都道府県コード又は市区町村コード',
	'NO',
	'都道府県名',
	'市区町村名',
	'名称',
	'名称_カナ',
	'名称_通称',
	'POIコード',
	'住所',
	'方書',
	'緯度',
	'経度',
	'電話番号',
	'内線番号',
	'法人番号',
	'団体名',
	'利用可能曜日',
	'開始時間',
	'終了時間',
	'利用可能日時特記事項',
	'説明',
	'バリアフリー情報',
	'URL',
	'備考'
] as const;

type Cell = string | number | null;

/**
 * ふりがな in full-width katakana, as 名称_カナ asks (the app keeps what the organizer typed, or
 * what a pack's source published: half-width ｶﾅ is widened by NFKC).
 */
export function toKatakana(reading: string): string {
	return reading
		.normalize('NFKC')
		.replace(/[\u3041-\u3096]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0x60));
}

export interface StandardOptions {
	/** ORIGIN when set: each row's URL is the place page; empty without it (a URI column). */
	origin: string | null;
	/** Words for the accessibility ids (バリアフリー情報), in Japanese. */
	accessibility: (id: AccessibilityId) => string;
	/** 毎週・毎月 weekday characters (日…土) for 利用可能曜日. */
	weekdays: readonly string[];
}

function common(pack: PlacePack) {
	const code = localGovernmentCode(pack.municipalityCode);
	const prefecture = prefectureOf(pack.municipalityCode);
	return { code, prefecture, municipality: pack.municipality };
}

const placeUrl = (p: Place, origin: string | null) =>
	origin ? `${origin}/places/${encodeURIComponent(p.id)}` : null;

/** 指定緊急避難場所一覧: the pack's public places designated 指定緊急避難場所. */
export function evacuationSitesCsv(pack: PlacePack, opts: StandardOptions): string {
	const { code, prefecture, municipality } = common(pack);
	const sites = pack.places.filter((p) => p.shelter?.emergencySite);
	return toCsv([
		[...EVACUATION_SITE_COLUMNS],
		...sites.map((p): Cell[] => {
			const hazards = new Set(p.shelter!.hazards);
			return [
				code,
				p.id,
				p.name,
				p.reading ? toKatakana(p.reading) : null,
				null,
				code,
				null,
				p.address ? fullAddress(p.address, prefecture, municipality) : null,
				prefecture,
				municipality,
				null,
				null,
				null,
				p.point?.lat ?? null,
				p.point?.lng ?? null,
				null,
				null,
				null,
				null,
				null,
				p.contact,
				null,
				code,
				`${prefecture}${municipality}`,
				...(Object.keys(HAZARD_COLUMNS) as HazardId[]).map((h) => (hazards.has(h) ? '1' : null)),
				p.shelter!.evacuationShelter ? '1' : null,
				null,
				p.areaText,
				placeUrl(p, opts.origin),
				null,
				null,
				p.notes.join(' / ') || null
			];
		})
	]);
}

/** 公共施設一覧: the pack's public places in the public-facility category. */
export function publicFacilitiesCsv(pack: PlacePack, opts: StandardOptions): string {
	const { code, prefecture, municipality } = common(pack);
	const facilities = pack.places.filter((p) => p.categories.includes('public-facility'));
	return toCsv([
		[...PUBLIC_FACILITY_COLUMNS],
		...facilities.map((p, i): Cell[] => {
			const rule = p.status === 'active' ? p.scheduleRule : null;
			const days =
				rule?.kind === 'weekly' ? rule.weekdays.map((d) => opts.weekdays[d]).join(',') : null;
			// Open data in these layouts is Japanese by definition (the column names are): its cell
			// words are the layout's, not the UI's, and stay here rather than in the catalogs.
			const note =
				p.status === 'paused'
					? '休止中'
					: rule?.kind === 'monthly'
						? describeSchedule(rule)
						: p.scheduleText;
			return [
				code,
				i + 1,
				prefecture,
				municipality,
				p.name,
				p.reading ? toKatakana(p.reading) : null,
				null,
				null,
				p.address ? fullAddress(p.address, prefecture, municipality) : null,
				null,
				p.point?.lat ?? null,
				p.point?.lng ?? null,
				null,
				null,
				null,
				null,
				days,
				rule?.start ?? null,
				rule?.end ?? null,
				note,
				p.fee ? `参加費 ${p.fee}` : null,
				p.accessibility.map(opts.accessibility).join(',') || null,
				placeUrl(p, opts.origin),
				[p.contact, ...p.notes].filter(Boolean).join(' / ') || null
			];
		})
	]);
}
