/**
 * Which records an op touches, for the two ends' ordering rules: a device holds back ops that
 * depend on one waiting to be sent again, and the server, when it has to apply a failed
 * batch's ops one at a time, holds back those that depend on one that failed.
 */
import type { Entity, Op, OpKind } from './protocol';

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

/**
 * The kind of record each op kind changes. Ids are only unique within a kind (a place and a
 * meeting may share one), so a record's history is the ops of its own kind under its id.
 */
export const ENTITY_OF_OP: Record<OpKind, Entity> = {
	'place.upsert': 'place',
	'place.moderate': 'place',
	'session.record': 'session',
	'meeting.upsert': 'meeting',
	'tally.set': 'tally',
	'team.record': 'team',
	'indicator.record': 'indicator',
	'indicator.evaluate': 'evaluation'
};

/** The op kinds that change a record of `entity`. */
export const opKindsOf = (entity: Entity): OpKind[] =>
	(Object.keys(ENTITY_OF_OP) as OpKind[]).filter((k) => ENTITY_OF_OP[k] === entity);
