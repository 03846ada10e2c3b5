/**
 * The reason codes of the per-op answers to a push, and which of them are not final. Kept apart
 * from protocol.ts (zod) so that the device database can tell them apart without loading the
 * schemas.
 */
export const REASONS = [
	'invalid_op',
	'forbidden',
	'not_found',
	'op_id_reused',
	'device_mismatch',
	'clock_ahead',
	'field_superseded',
	'version_exists',
	'stale_version',
	'outside_city',
	'unknown_district',
	'missing_fields',
	'breakdown_exceeds_total',
	'first_timers_exceed_total',
	'future_date',
	'place_not_active',
	'meeting_closed',
	'tally_device_mismatch',
	'unknown_indicator',
	'outside_plan_period',
	'invalid_value',
	'unknown_source',
	'unknown_computation',
	'computed_figure_differs',
	'server_error',
	'reason_required',
	'empty_evaluation'
] as const;
export type Reason = (typeof REASONS)[number];

/**
 * Answers about the moment, not about the op: the server had a failure (`server_error`), or
 * the device's clock ran ahead of the server's (`clock_ahead`: the op is taken once real time
 * catches up with its stamp, or never, if the clock is years off — the person is asked to check
 * it). The server keeps no ledger entry for them, so the same op sent again is applied afresh;
 * a device keeps such an op pending and sends it again later, with back-off. Every other
 * `rejected` or `conflict` answer is final: the ledger repeats it for the same op id.
 */
export const RETRYABLE_REASONS = [
	'server_error',
	'clock_ahead'
] as const satisfies readonly Reason[];
export type RetryableReason = (typeof RETRYABLE_REASONS)[number];
export const isRetryableReason = (reason: unknown): reason is RetryableReason =>
	RETRYABLE_REASONS.includes(reason as RetryableReason);
