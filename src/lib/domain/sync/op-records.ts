/**
 * Which records an op touches, for the two ends' ordering rules: a device holds back ops that
 * depend on one waiting to be sent again, and the server, when it has to apply a failed
 * batch's ops one at a time, holds back those that depend on one that failed.
 */
import type { Op } from './protocol';

/** The id of the record an op changes. */
export function recordIdOf(op: Op): string {
	switch (op.kind) {
		case 'session.record':
			return op.sessionId;
		case 'tally.set':
			return op.tallyId;
		case 'place.upsert':
		case 'place.moderate':
			return op.placeId;
		case 'meeting.upsert':
			return op.meetingId;
		case 'team.record':
			return op.teamId;
		case 'indicator.record':
			return op.entryId;
		case 'indicator.evaluate':
			return op.evaluationId;
	}
}

/**
 * The ids an op's success depends on: its own record and, for a session or a tally, the salon
 * or meeting it belongs to (registered, maybe, by an op just before it).
 */
export function dependsOn(op: Op): string[] {
	if (op.kind === 'session.record') return [op.sessionId, op.placeId];
	if (op.kind === 'tally.set') return [op.tallyId, op.meetingId];
	return [recordIdOf(op)];
}
