/**
 * A 社会福祉協議会's grant thresholds for salons, as a city's pack states them (`grantRules`
 * in pack.json), and their validation when the pack is built.
 *
 * The rules are data because every 社協 writes its own (e.g. "at least 10 sessions a year with
 * 10 participants each", or "10 sessions, 10 participants on average"); the verdict
 * (salon-year.ts) is one fixed reading of them. A pack states rules only from a published
 * document, named in `source`: no threshold is ever guessed.
 *
 * Shape (JSON):
 *   { "source": "…the published document…",
 *     "name": { "ja": "…", "en": "…" },               // optional
 *     "minSessionsPerYear": 10,
 *     "minParticipantsPerSession": 10,               // or "minAverageParticipants", not both
 *     "countedCategories": ["salon"] }
 */
import { CATEGORY_IDS, type CategoryId } from '../category-ids';

export interface GrantRules {
	/** The published document the thresholds come from (title, or title and URL). */
	source: string;
	name?: { ja: string; en: string };
	/** Sessions the salon must hold in the fiscal year (with minParticipantsPerSession: such sessions). */
	minSessionsPerYear: number;
	/** A session counts towards minSessionsPerYear only with at least this many participants. */
	minParticipantsPerSession?: number;
	/** The year's participants (延べ) divided by its sessions must reach this. */
	minAverageParticipants?: number;
	/** Kinds of place the grant is for; a place of another kind is not counted. */
	countedCategories: CategoryId[];
}

/** A pack's grant rules are wrong: names the file and the field, for whoever edits the pack. */
export class GrantRulesError extends Error {
	constructor(
		readonly file: string,
		readonly field: string,
		problem: string
	) {
		super(`${file}: grantRules${field ? `.${field}` : ''} ${problem}`);
		this.name = 'GrantRulesError';
	}
}

const KNOWN_KEYS = new Set([
	'source',
	'name',
	'minSessionsPerYear',
	'minParticipantsPerSession',
	'minAverageParticipants',
	'countedCategories'
]);

const isPositiveInteger = (v: unknown): v is number =>
	typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 1000;
const isPositiveNumber = (v: unknown): v is number =>
	typeof v === 'number' && Number.isFinite(v) && v > 0 && v <= 1000;
const isCategoryId = (v: unknown): v is CategoryId =>
	(CATEGORY_IDS as readonly unknown[]).includes(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;

/**
 * The pack's `grantRules` block checked, or null when the pack states none. Throws a
 * GrantRulesError naming `file` and the offending field otherwise.
 */
export function parseGrantRules(value: unknown, file: string): GrantRules | null {
	if (value === undefined || value === null) return null;
	const fail = (field: string, problem: string): never => {
		throw new GrantRulesError(file, field, problem);
	};
	if (typeof value !== 'object' || Array.isArray(value)) fail('', 'must be an object');
	const v = value as Record<string, unknown>;
	for (const key of Object.keys(v)) if (!KNOWN_KEYS.has(key)) fail(key, 'is not a known field');
	if (!isText(v.source)) fail('source', 'must name the published document the rules come from');
	if (v.name !== undefined) {
		const n = v.name as Record<string, unknown> | null;
		if (!n || typeof n !== 'object' || !isText(n.ja) || !isText(n.en)) {
			fail('name', 'must be { "ja": "…", "en": "…" }');
		}
	}
	if (!isPositiveInteger(v.minSessionsPerYear)) {
		fail('minSessionsPerYear', 'must be a whole number from 1 to 1000');
	}
	if (v.minParticipantsPerSession !== undefined && v.minAverageParticipants !== undefined) {
		fail('minAverageParticipants', 'cannot be given with minParticipantsPerSession: state one');
	}
	if (
		v.minParticipantsPerSession !== undefined &&
		!isPositiveInteger(v.minParticipantsPerSession)
	) {
		fail('minParticipantsPerSession', 'must be a whole number from 1 to 1000');
	}
	if (v.minAverageParticipants !== undefined && !isPositiveNumber(v.minAverageParticipants)) {
		fail('minAverageParticipants', 'must be a number above 0 and at most 1000');
	}
	const cats = v.countedCategories;
	if (!Array.isArray(cats) || cats.length === 0) {
		fail('countedCategories', 'must list at least one place category');
	}
	for (const [i, c] of (cats as unknown[]).entries()) {
		if (!isCategoryId(c)) {
			fail(`countedCategories[${i}]`, `is not a place category: ${JSON.stringify(c)}`);
		}
	}
	const rules: GrantRules = {
		source: (v.source as string).trim(),
		minSessionsPerYear: v.minSessionsPerYear as number,
		countedCategories: [...new Set(cats as CategoryId[])]
	};
	if (v.name) rules.name = v.name as GrantRules['name'];
	if (v.minParticipantsPerSession !== undefined) {
		rules.minParticipantsPerSession = v.minParticipantsPerSession as number;
	}
	if (v.minAverageParticipants !== undefined) {
		rules.minAverageParticipants = v.minAverageParticipants as number;
	}
	return rules;
}
