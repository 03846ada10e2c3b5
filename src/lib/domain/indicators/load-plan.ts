/**
 * Loads a plan pack (packs/<id>/plan.json): schema validation with zod, then the
 * cross-references a schema cannot express. Either returns a pack that passed every check or
 * throws a PlanPackError listing every problem with its path (`indicators[10].baseline…`), so
 * a transcription mistake is found at load time, not on a page.
 *
 * Framework-free: the caller reads the file (fs in node, fetch or an import in the browser)
 * and passes the text or the parsed JSON.
 */
import {
	circledNumber,
	planMeasures,
	planPackSchema,
	sameValue,
	validateIndicatorValue,
	type AlternativeText,
	type AlternativeValue,
	type FigureValue,
	type Indicator,
	type PlanPack,
	type TargetValue,
	type ValueShape
} from './model';
import { COMPUTATION_VALUE_KIND } from './computations';

export interface PlanPackIssue {
	/** Where in the pack: `indicators[10].baseline.alternatives`. */
	path: string;
	message: string;
}

export class PlanPackError extends Error {
	readonly issues: readonly PlanPackIssue[];
	constructor(origin: string, issues: readonly PlanPackIssue[]) {
		const shown = issues.slice(0, 20).map((i) => `  ${i.path || '(root)'}: ${i.message}`);
		const more = issues.length > 20 ? [`  … and ${issues.length - 20} more`] : [];
		super(
			`${origin} is not a valid plan pack (${issues.length} issue${issues.length === 1 ? '' : 's'}):\n` +
				[...shown, ...more].join('\n')
		);
		this.name = 'PlanPackError';
		this.issues = issues;
	}
}

/** Parses the text of a plan.json file. `origin` names the file in error messages. */
export function parsePlanPackJson(text: string, origin = 'plan pack'): PlanPack {
	let data: unknown;
	try {
		data = JSON.parse(text);
	} catch (e) {
		throw new PlanPackError(origin, [
			{ path: '', message: `not JSON: ${e instanceof Error ? e.message : String(e)}` }
		]);
	}
	return parsePlanPack(data, origin);
}

/** Validates parsed JSON as a plan pack; throws PlanPackError with every issue found. */
export function parsePlanPack(data: unknown, origin = 'plan pack'): PlanPack {
	const parsed = planPackSchema.safeParse(data);
	if (!parsed.success) {
		throw new PlanPackError(origin, parsed.error.issues.map(fromZodIssue));
	}
	const issues = checkPlanPack(parsed.data);
	if (issues.length > 0) throw new PlanPackError(origin, issues);
	return parsed.data;
}

/** `['indicators', 10, 'baseline']` → `indicators[10].baseline`. */
export function formatPath(path: readonly PropertyKey[]): string {
	let out = '';
	for (const key of path) {
		if (typeof key === 'number') out += `[${key}]`;
		else out += out === '' ? String(key) : `.${String(key)}`;
	}
	return out;
}

function fromZodIssue(issue: { path: readonly PropertyKey[]; message: string }): PlanPackIssue {
	return { path: formatPath(issue.path), message: issue.message };
}

/**
 * The checks beyond the schema. Exported for tests and for tools that build packs.
 *
 * - source documents: unique ids, at most one preferred; every document source names one.
 * - structure: initiatives numbered 1…N with their circled symbol, each in exactly one
 *   measure; measure and policy codes unique; department tables only name the measure's
 *   initiatives.
 * - indicators: unique numbers; measure known; related initiatives belong to that measure;
 *   every value fits the shape; targets lie in the indicator's direction from the baseline
 *   (unless a targetsNote says why not) and from the earlier target; a numeric target needs a
 *   direction;
 *   one record and one evaluation per fiscal year; a data year is not after its fiscal year.
 * - disagreements: exactly one alternative is `used` and it repeats the figure's value (or
 *   text) exactly.
 */
export function checkPlanPack(pack: PlanPack): PlanPackIssue[] {
	const issues: PlanPackIssue[] = [];
	const add = (path: string, message: string) => issues.push({ path, message });

	// Source documents.
	const sourceIds = new Set<string>();
	pack.sources.forEach((s, i) => {
		if (sourceIds.has(s.id)) add(`sources[${i}].id`, `duplicate source id ${s.id}`);
		sourceIds.add(s.id);
	});
	if (pack.sources.filter((s) => s.preferred).length > 1) {
		add('sources', 'at most one source may be preferred');
	}
	walkSources(pack, '', (path, document) => {
		if (!sourceIds.has(document)) add(path, `unknown source document ${document}`);
	});

	if (pack.plan.period.from > pack.plan.period.to) add('plan.period', 'from is after to');

	// Structure.
	const { structure } = pack;
	const initiativeNumbers = new Set<number>();
	structure.initiatives.forEach((init, i) => {
		if (init.number !== i + 1) add(`structure.initiatives[${i}].number`, `expected ${i + 1}`);
		if (init.symbol !== circledNumber(init.number)) {
			add(`structure.initiatives[${i}].symbol`, `expected ${circledNumber(init.number)}`);
		}
		initiativeNumbers.add(init.number);
	});
	const measureOf = new Map<string, Set<number>>();
	const owner = new Map<number, string>();
	const policyCodes = new Set<string>();
	structure.policies.forEach((p, pi) => {
		if (policyCodes.has(p.numeral)) {
			add(`structure.policies[${pi}].numeral`, `duplicate policy ${p.numeral}`);
		}
		policyCodes.add(p.numeral);
	});
	structure.priorityMeasures.forEach((m, i) => {
		// Areas on the staff screens are named by these codes (measureArea): they must differ.
		if (policyCodes.has(m.code)) {
			add(`structure.priorityMeasures[${i}].code`, `${m.code} is also a policy's code`);
		}
	});
	const measures = planMeasures(structure).map(({ measure, policy }) => {
		if (!policy) {
			const i = structure.priorityMeasures.indexOf(measure);
			return { path: `structure.priorityMeasures[${i}]`, m: measure };
		}
		const pi = structure.policies.indexOf(policy);
		const mi = policy.measures.indexOf(measure);
		return { path: `structure.policies[${pi}].measures[${mi}]`, m: measure };
	});
	for (const { path, m } of measures) {
		if (measureOf.has(m.code)) add(`${path}.code`, `duplicate measure code ${m.code}`);
		measureOf.set(m.code, new Set(m.initiatives));
		m.initiatives.forEach((n, i) => {
			if (!initiativeNumbers.has(n)) add(`${path}.initiatives[${i}]`, `unknown initiative ${n}`);
			const prev = owner.get(n);
			if (prev !== undefined)
				add(`${path}.initiatives[${i}]`, `initiative ${n} is also in ${prev}`);
			owner.set(n, m.code);
		});
		m.departmentInitiatives?.forEach((d, di) => {
			d.initiatives.forEach((n) => {
				if (!m.initiatives.includes(n)) {
					add(`${path}.departmentInitiatives[${di}]`, `initiative ${n} is not in ${m.code}`);
				}
			});
		});
	}
	for (const n of initiativeNumbers) {
		if (!owner.has(n)) add('structure', `initiative ${n} belongs to no measure`);
	}

	// Evaluation vocabulary: codes unique; evaluations only use its words.
	const marks = new Set<string>();
	pack.evaluation.marks.forEach((m, i) => {
		if (marks.has(m.code)) add(`evaluation.marks[${i}].code`, `duplicate mark ${m.code}`);
		marks.add(m.code);
	});
	const directions = new Set<string>();
	pack.evaluation.directions.forEach((d, i) => {
		if (directions.has(d.code)) {
			add(`evaluation.directions[${i}].code`, `duplicate direction ${d.code}`);
		}
		directions.add(d.code);
	});
	pack.indicators.forEach((ind, i) =>
		ind.evaluations.forEach((e, ei) => {
			const ep = `indicators[${i}].evaluations[${ei}]`;
			if (e.mark !== null && !marks.has(e.mark)) add(`${ep}.mark`, `unknown mark ${e.mark}`);
			if (e.direction !== null && !directions.has(e.direction)) {
				add(`${ep}.direction`, `unknown direction ${e.direction}`);
			}
		})
	);

	// Progress table: at most one target column per year, and a column for every target.
	const columnYears = pack.table.targets.map((t) => t.year);
	const yearKey = (y: { kind: string; year: number }) => `${y.kind}:${y.year}`;
	const keys = new Set<string>();
	columnYears.forEach((y, i) => {
		if (!y) return;
		if (keys.has(yearKey(y))) add(`table.targets[${i}].year`, 'second column for this year');
		keys.add(yearKey(y));
	});
	if (!columnYears.some((y) => y === undefined)) {
		pack.indicators.forEach((ind, i) =>
			ind.targets.forEach((t, ti) => {
				if (!keys.has(yearKey(t.year))) {
					add(`indicators[${i}].targets[${ti}].year`, 'no column of the table for this year');
				}
			})
		);
	}

	// Indicators.
	const numbers = new Set<number>();
	pack.indicators.forEach((ind, i) => {
		const p = `indicators[${i}]`;
		if (numbers.has(ind.number)) add(`${p}.number`, `duplicate indicator number ${ind.number}`);
		numbers.add(ind.number);
		const inMeasure = measureOf.get(ind.measure);
		if (!inMeasure) add(`${p}.measure`, `unknown measure ${ind.measure}`);
		ind.relatedInitiatives.forEach((n, ri) => {
			if (!initiativeNumbers.has(n))
				add(`${p}.relatedInitiatives[${ri}]`, `unknown initiative ${n}`);
			else if (inMeasure && !inMeasure.has(n)) {
				add(`${p}.relatedInitiatives[${ri}]`, `initiative ${n} is not in ${ind.measure}`);
			}
		});
		if (ind.tolerance !== undefined && ind.direction !== 'keep') {
			add(`${p}.tolerance`, 'tolerance applies to direction keep only');
		}
		checkIndicatorValues(ind, p, add);
	});

	return issues;
}

type Add = (path: string, message: string) => void;

function checkIndicatorValues(ind: Indicator, p: string, add: Add): void {
	const shape = ind.shape;
	if (ind.computedFrom && COMPUTATION_VALUE_KIND[ind.computedFrom] !== shape.kind) {
		add(
			`${p}.computedFrom`,
			`${ind.computedFrom} yields ${COMPUTATION_VALUE_KIND[ind.computedFrom]}, shape is ${shape.kind}`
		);
	}
	checkValue(shape, ind.baseline.value, `${p}.baseline.value`, add, {
		allowUnreadable: true,
		allowNone: true
	});
	checkAlternatives(shape, ind.baseline.value, ind.baseline.alternatives, `${p}.baseline`, add);

	let lastYear = -Infinity;
	ind.targets.forEach((t, ti) => {
		const tp = `${p}.targets[${ti}]`;
		checkValue(shape, t.value, `${tp}.value`, add, {
			allowUnreadable: true,
			allowText: true,
			allowNone: true
		});
		checkAlternatives(shape, t.value, t.alternatives, tp, add);
		if (t.year.year <= lastYear) add(`${tp}.year`, 'targets must be in increasing year order');
		lastYear = t.year.year;
		if (t.year.year < ind.baseline.year.year) add(`${tp}.year`, 'target year before the baseline');
		checkTargetDirection(ind, t.value, `${tp}.value`, add);
	});
	if (!ind.direction && ind.targets.some((t) => numbersOf(t.value) !== null)) {
		add(`${p}.direction`, 'a numeric target needs a direction');
	}

	const years = new Set<number>();
	ind.records.forEach((r, ri) => {
		const rp = `${p}.records[${ri}]`;
		if (years.has(r.fiscalYear)) add(`${rp}.fiscalYear`, `second record for ${r.fiscalYear}`);
		years.add(r.fiscalYear);
		if (r.dataYear && r.dataYear.year > r.fiscalYear) {
			add(`${rp}.dataYear`, 'data year after the fiscal year it is reported in');
		}
		checkValue(shape, r.value, `${rp}.value`, add, { allowUnreadable: true });
		// Only the effective plan says what a staff entry replaced; a pack transcribes documents.
		if (r.replaced) add(`${rp}.replaced`, 'set by staff entries only, not in a pack');
		checkAlternatives(shape, r.value, r.alternatives, rp, add);
		checkTextAlternatives(
			r.activities,
			r.activitiesAlternatives,
			`${rp}.activitiesAlternatives`,
			add
		);
	});

	const evaluated = new Set<number>();
	ind.evaluations.forEach((e, ei) => {
		const ep = `${p}.evaluations[${ei}]`;
		if (evaluated.has(e.fiscalYear))
			add(`${ep}.fiscalYear`, `second evaluation for ${e.fiscalYear}`);
		evaluated.add(e.fiscalYear);
		if (e.fromFiscalYear !== undefined && e.fromFiscalYear > e.fiscalYear) {
			add(`${ep}.fromFiscalYear`, 'after fiscalYear');
		}
		if (e.direction !== null && e.reason === null) {
			// The evaluation form asks for the reason of the chosen direction (左記選択の理由).
			add(`${ep}.reason`, 'a direction needs its reason');
		}
	});
}

function checkValue(
	shape: ValueShape,
	value: TargetValue,
	path: string,
	add: Add,
	options: { allowText?: boolean; allowUnreadable?: boolean; allowNone?: boolean }
): void {
	const check = validateIndicatorValue(shape, value, options);
	for (const issue of check.issues) {
		if (issue.severity !== 'error') continue;
		add(issue.path ? `${path}.${issue.path}` : path, `${issue.code} (shape ${shape.kind})`);
	}
}

function checkAlternatives(
	shape: ValueShape,
	value: TargetValue,
	alternatives: readonly AlternativeValue[] | undefined,
	path: string,
	add: Add
): void {
	if (!alternatives) return;
	const used = alternatives.filter((a) => a.used);
	if (used.length !== 1) {
		add(`${path}.alternatives`, `exactly one alternative must be used (found ${used.length})`);
	} else if (!sameValue(used[0]!.value, value)) {
		add(`${path}.alternatives`, 'the used alternative differs from the value');
	}
	alternatives.forEach((a, i) =>
		checkValue(shape, a.value, `${path}.alternatives[${i}].value`, add, {
			allowText: true,
			allowUnreadable: true,
			allowNone: true
		})
	);
}

function checkTextAlternatives(
	text: string,
	alternatives: readonly AlternativeText[] | undefined,
	path: string,
	add: Add
): void {
	if (!alternatives) return;
	const used = alternatives.filter((a) => a.used);
	if (used.length !== 1) add(path, `exactly one alternative must be used (found ${used.length})`);
	else if (used[0]!.text !== text) add(path, 'the used alternative differs from the text');
}

/** Numbers a value contributes to a direction check, per series key ('' for single values). */
function numbersOf(v: FigureValue | TargetValue): Map<string, number> | null {
	switch (v.kind) {
		case 'number':
		case 'snapshot':
			return new Map([['', v.value]]);
		case 'count-with-participants':
		case 'count-with-related':
			return new Map([['', v.count]]);
		case 'series':
			return new Map(Object.entries(v.values));
		default:
			return null;
	}
}

/**
 * A target lies in the indicator's direction from the baseline, and a later target from an
 * earlier one (a final target below the mid target of an increasing indicator is a slip). With
 * a `targetsNote` the plan says why its targets may lie below the baseline: then only the
 * targets are compared with each other.
 */
function checkTargetDirection(ind: Indicator, target: TargetValue, path: string, add: Add): void {
	if (ind.direction === undefined || ind.direction === 'keep') return;
	const increase = ind.direction === 'increase';
	const t = numbersOf(target);
	if (!t) return;
	const compare = (from: FigureValue | TargetValue, what: string, strict: boolean) => {
		const b = numbersOf(from);
		if (!b) return;
		for (const [key, tv] of t) {
			const bv = b.get(key);
			if (bv === undefined) continue;
			const ok = increase ? tv > bv || (!strict && tv === bv) : tv < bv || (!strict && tv === bv);
			if (!ok) {
				add(
					key ? `${path}.values.${key}` : path,
					`target ${tv} is not ${increase ? 'above' : 'below'} ${what} ${bv}`
				);
			}
		}
	};
	if (!ind.targetsNote) compare(ind.baseline.value, 'the baseline', true);
	const sorted = [...ind.targets].sort((a, b) => a.year.year - b.year.year);
	const at = sorted.findIndex((x) => x.value === target);
	if (at > 0) compare(sorted[at - 1]!.value, 'the earlier target', false);
}

/** Calls `visit` for every `{ kind: 'document', document }` source anywhere in the pack. */
function walkSources(
	node: unknown,
	path: string,
	visit: (path: string, document: string) => void
): void {
	if (Array.isArray(node)) {
		node.forEach((x, i) => walkSources(x, `${path}[${i}]`, visit));
		return;
	}
	if (!node || typeof node !== 'object') return;
	const rec = node as Record<string, unknown>;
	if (rec.kind === 'document' && typeof rec.document === 'string') {
		visit(path, rec.document);
		return;
	}
	for (const [k, v] of Object.entries(rec)) walkSources(v, path ? `${path}.${k}` : k, visit);
}
