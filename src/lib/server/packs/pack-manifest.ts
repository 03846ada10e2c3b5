/**
 * What a city's `pack.json` must say, checked field by field so a city's IT person reads every
 * problem at once (`npm run pack -- check packs/<city>`), never a stack trace. The contract:
 * docs/cities.md. Unknown top-level fields are left to the code that reads them (a newer pack
 * may carry blocks this version does not use); unknown source names are refused, as a typo there
 * would silently drop a whole file.
 */
import { z } from 'zod';
import { formatPath } from '../../domain/indicators/load-plan';
import { READING_SOURCES } from '../../domain/pack/sources';

/** One problem in a pack: the file (relative to the packs directory), the field, what is wrong. */
export interface PackProblem {
	file: string;
	field: string;
	message: string;
}

/**
 * The source files a pack may name (the `PackSources` fields). Only `boundary` is required: a
 * city without, say, published shelters still gets its own URL space and its plan.
 */
export const SOURCE_KINDS = {
	boundary: 'geojson',
	schoolDistricts: 'geojson',
	shelters: 'geojson',
	communityCentres: 'geojson',
	towns: 'geojson',
	supportCouncilsCsv: 'csv',
	welfareSheltersCsv: 'csv'
} as const;
export type SourceName = keyof typeof SOURCE_KINDS;
export const SOURCE_NAMES = Object.keys(SOURCE_KINDS) as SourceName[];

/** A city id is also its directory name and its URL segment (`/c/<id>/`). */
export const CITY_ID = /^[a-z][a-z0-9-]{0,39}$/;

const text = z.string().trim().min(1, 'must not be empty');

const manifestSchema = z
	.object({
		id: z.string().regex(CITY_ID, 'lowercase letters, digits and -, starting with a letter'),
		municipality: text,
		municipalityEn: text.optional(),
		municipalityCode: z.string().regex(/^\d{5,6}$/, '5 or 6 digits (全国地方公共団体コード)'),
		sources: z
			.record(z.string(), z.string().trim().min(1, 'a path relative to the pack directory'))
			.refine((s) => typeof s.boundary === 'string', { message: 'names no boundary file' }),
		districts: z
			.object({
				level: z.object({ ja: text, en: text }).optional(),
				from: z.enum(['school-polygons', 'town-list', 'none'])
			})
			.loose(),
		districtIdsBySchool: z.record(z.string(), z.string().regex(/^[a-z0-9-]+$/)).optional(),
		welfareShelters: z
			.object({
				source: text,
				note: text,
				facilities: z.array(
					z.object({ id: z.string().regex(/^[a-z0-9-]+$/), operator: text, name: text })
				)
			})
			.optional(),
		/** Reading column per place source (名称_カナ): docs/cities.md. */
		readings: z.record(z.string(), text).optional(),
		attributions: z.array(
			z.object({ id: text, credit: text, licence: text, url: z.url().nullable() })
		)
	})
	// The rest (districts, idPrefix, sourceIds, grantRules…) is the builder's to check
	// (buildPlacePack names file and field too): kept, not stripped.
	.loose();

export type ParsedManifest = z.output<typeof manifestSchema>;

/** Checks parsed pack.json; `file` names it in problems. */
export function checkManifest(
	data: unknown,
	file: string,
	dirName: string
): { manifest: ParsedManifest | null; problems: PackProblem[] } {
	const parsed = manifestSchema.safeParse(data);
	if (!parsed.success) {
		return {
			manifest: null,
			problems: parsed.error.issues.map((issue) => ({
				file,
				field: formatPath(issue.path) || '(file)',
				message: issue.message
			}))
		};
	}
	const manifest = parsed.data;
	const problems: PackProblem[] = [];
	if (manifest.id !== dirName) {
		problems.push({
			file,
			field: 'id',
			message: `"${manifest.id}" differs from its directory name "${dirName}" (the city id is the directory name)`
		});
	}
	for (const [name, path] of Object.entries(manifest.sources)) {
		if (!(name in SOURCE_KINDS)) {
			problems.push({
				file,
				field: `sources.${name}`,
				message: `unknown source; known: ${SOURCE_NAMES.join(', ')}`
			});
		} else if (path.startsWith('/') || path.split('/').includes('..')) {
			problems.push({
				file,
				field: `sources.${name}`,
				message: 'must be a path inside the pack directory'
			});
		}
	}
	for (const [name, column] of Object.entries(manifest.readings ?? {})) {
		if (!(READING_SOURCES as readonly string[]).includes(name)) {
			problems.push({
				file,
				field: `readings.${name}`,
				message: `not a source of places; known: ${READING_SOURCES.join(', ')}`
			});
		} else if (!(name in manifest.sources)) {
			problems.push({
				file,
				field: `readings.${name}`,
				message: `names column "${column}" of a source the pack does not have`
			});
		}
	}
	const attributionIds = manifest.attributions.map((a) => a.id);
	attributionIds.forEach((id, i) => {
		if (attributionIds.indexOf(id) !== i) {
			problems.push({ file, field: `attributions[${i}].id`, message: `"${id}" appears twice` });
		}
	});
	return { manifest, problems };
}
