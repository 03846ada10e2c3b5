/** The number a district map and table show for a computed figure, by the indicator's shape. */
import type { Indicator, IndicatorValue } from '#lib/domain/indicators/model.js';

/** The figure itself, or its count where it has one beside participants or a related number. */
export function mappedValue(value: IndicatorValue | undefined): number | null {
	if (!value) return null;
	if (value.kind === 'number' || value.kind === 'snapshot') return value.value;
	if (value.kind === 'count-with-participants' || value.kind === 'count-with-related')
		return value.count;
	return null;
}

export function participantsOf(value: IndicatorValue | undefined): number | null {
	return value?.kind === 'count-with-participants' ? value.participants : null;
}

/** Decimals the indicator's figures are written with. */
export function decimalsOf(indicator: Indicator): number {
	const { shape } = indicator;
	return shape.kind === 'number' || shape.kind === 'snapshot' ? shape.decimals : 0;
}
