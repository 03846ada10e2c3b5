/**
 * When a recorded change takes effect in the history the indicators read ("active at
 * fiscal-year end", "teams standing at year end"): the rule that keeps a device's clock from
 * rewriting a closed year.
 *
 * A change's stamp is the moment the person made it on their device (HLC), which is what lets
 * an edit made offline on March 31 and synced on April 2 count for the year it was made in.
 * But the server only refuses clocks running ahead (MAX_CLOCK_AHEAD_MS); a device whose clock
 * is set years back, or an edit held offline for years, would otherwise change a year whose
 * figures were reported long ago.
 *
 * Rule: a change's effective time is max(its stamp, the time the server received it −
 * MAX_OFFLINE_MS). An edit synced within MAX_OFFLINE_MS of being made keeps its own time; an
 * older one takes effect MAX_OFFLINE_MS before it reached the server, so it can move a year's
 * figure only while that year ended less than MAX_OFFLINE_MS ago. The stamp itself is kept
 * unchanged beside the effective time: it still orders edits (last writer wins).
 */
import { decodeHlc, encodeHlc } from './hlc';

/**
 * The longest a device may stay offline with its edits still taking effect when they were
 * made: 90 days. Long enough for a phone left in a drawer over a season, or a salon organiser
 * who syncs at the quarterly representatives' meeting; short enough that the fiscal year's
 * figures settle by the end of June, when the 社会福祉協議会 and the city compile the progress
 * table for the previous year.
 */
export const MAX_OFFLINE_MS = 90 * 24 * 60 * 60 * 1000;

/**
 * The effective stamp of a change stamped `at` and received at `receivedAt` (epoch ms): `at`
 * itself, or, for an edit older than MAX_OFFLINE_MS, a stamp at `receivedAt − MAX_OFFLINE_MS`
 * with the same counter and node (so two clamped edits stay distinct and ordered).
 */
export function effectiveStamp(at: string, receivedAt: number): string {
	const stamp = decodeHlc(at);
	const floor = receivedAt - MAX_OFFLINE_MS;
	if (!stamp || stamp.wall >= floor) return at;
	return encodeHlc({ ...stamp, wall: floor });
}
