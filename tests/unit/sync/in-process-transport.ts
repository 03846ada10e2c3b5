/**
 * A transport that calls the server's handlers in-process (no HTTP), with an optional fault
 * plan: the convergence tests use it to drop, duplicate, delay and reorder traffic, and to
 * lose the answer after the server committed.
 */
import type { Actor, CityScope } from '#lib/domain/policy.js';
import { PROTOCOL_VERSION, type PullAnswer } from '#lib/domain/sync/protocol.js';
import type { AppContext } from '#lib/server/app-context.js';
import { handlePull } from '#lib/server/sync/pull.js';
import { handlePush } from '#lib/server/sync/push.js';
import { SyncError, type SyncTransport } from '#lib/client/sync/sync-runner.js';

export function inProcessTransport(
	ctx: AppContext,
	actor: Actor & CityScope,
	now: () => number = Date.now
): SyncTransport {
	return {
		push: (request) =>
			handlePush(
				ctx.db,
				{ actor, packs: ctx.packs, plans: ctx.plans, now: now() },
				{ protocol: request.protocol, deviceId: request.deviceId, ops: request.ops }
			),
		pull: (request) => handlePull(ctx.db, actor, { ...request, protocol: PROTOCOL_VERSION })
	};
}

export interface Faults {
	/** The request never reaches the server. */
	dropRequest?: () => boolean;
	/** The server commits, but the answer is lost on the way back. */
	dropResponse?: () => boolean;
	/** The same request arrives twice. */
	duplicate?: () => boolean;
}

export function faultyTransport(inner: SyncTransport, faults: Faults): SyncTransport {
	const wrap =
		<A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
		async (...args: A): Promise<R> => {
			if (faults.dropRequest?.()) throw new SyncError('offline', 'request dropped');
			if (faults.duplicate?.()) await call(...args);
			const result = await call(...args);
			if (faults.dropResponse?.()) throw new SyncError('offline', 'response lost');
			return result;
		};
	return { push: wrap(inner.push), pull: wrap(inner.pull) };
}

export interface PullShape {
	/** Ask for pages of this many changes, whatever the runner asks for. */
	pageSize?: number;
	/** Pulls that go through; the ones after fail with `failure` (the network drops). */
	pullsBeforeFailure?: number;
	failure?: SyncError;
	/** Sees every page the server answers. */
	onPage?: (page: PullAnswer) => void;
}

/** `inner` with its pulls reshaped: small pages, a network that drops after a few, a counter. */
export function shapedPulls(inner: SyncTransport, shape: PullShape): SyncTransport {
	let pulls = 0;
	return {
		push: inner.push,
		async pull(request) {
			pulls += 1;
			if (shape.pullsBeforeFailure !== undefined && pulls > shape.pullsBeforeFailure) {
				throw shape.failure ?? new SyncError('offline', 'network dropped');
			}
			const page = await inner.pull({ ...request, limit: shape.pageSize ?? request.limit });
			shape.onPage?.(page);
			return page;
		}
	};
}
