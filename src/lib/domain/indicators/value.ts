/**
 * A measured value of an indicator, one variant per shape kind — apart from model.ts because the
 * computations (computed/) yield values while model.ts names the computations: each may import
 * this file, and neither imports the other back.
 */
import { z } from 'zod';
import { isIsoDate } from '../fiscal-year';

/** Largest figure accepted anywhere: far above any municipal count, below float trouble. */
export const MAX_FIGURE = 1e9;

const isoDate = z.string().refine(isIsoDate, { message: 'expected a YYYY-MM-DD calendar date' });
const seriesKey = z.string().regex(/^[a-z][a-z0-9-]*$/, 'series key: lowercase id');
const figure = z.number().finite().min(-MAX_FIGURE).max(MAX_FIGURE);
const count = z.number().int().min(0).max(MAX_FIGURE);

/** The value variants, one per shape kind (kept apart so unions can be built from them). */
export const valueVariants = [
	z.strictObject({ kind: z.literal('number'), value: figure }),
	z.strictObject({
		kind: z.literal('count-with-participants'),
		count,
		participants: count.nullable()
	}),
	z.strictObject({ kind: z.literal('series'), values: z.record(seriesKey, figure) }),
	z.strictObject({
		kind: z.literal('count-with-related'),
		count,
		related: count.nullable()
	}),
	z.strictObject({ kind: z.literal('snapshot'), value: figure, asOf: isoDate.optional() })
] as const;

/** A measured value, one variant per shape kind. */
export const indicatorValueSchema = z.discriminatedUnion('kind', [...valueVariants]);
export type IndicatorValue = z.infer<typeof indicatorValueSchema>;
