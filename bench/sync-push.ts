/**
 * `sync`: server push throughput. Devices push `session.record` ops through the in-process
 * `handlePush` (no HTTP) in batches of MAX_OPS_PER_PUSH, on PGlite (in memory) and on a
 * throwaway PostgreSQL cluster (tests/postgres/start-postgres.ts, durability off). Scenarios:
 * one device × 10,000 ops, and 50 concurrent devices × 200 ops. Each device belongs to its own
 * organizer account and first registers one place (not timed); each scenario gets a fresh
 * database. Throughput = ops / wall time of the scenario; latency = per push request.
 */
import type { AppContext } from '../src/lib/server/app-context';
import type { Account } from '../src/lib/server/auth/accounts-repo';
import { MAX_OPS_PER_PUSH } from '../src/lib/domain/sync/protocol';
import { encodeHlc } from '../src/lib/domain/sync/hlc';
import { uuidv7 } from '../src/lib/domain/sync/uuid';
import { formatCount, formatMs, summarize } from './measure';
import type { Row } from './section';
import {
	errorMessage,
	pgliteContext,
	postgresContext,
	startPostgresCluster,
	stopPostgresCluster,
	type Engine
} from './server-db';

// Server modules after server-db, which registers the hook for the pack's `?raw` imports.
const { createAccount } = await import('../src/lib/server/auth/accounts-repo');
const { handlePush } = await import('../src/lib/server/sync/push');

const TARGET_OPS_PER_S: Record<Engine, number> = { PGlite: 1000, PostgreSQL: 5000 };

interface Scenario {
	label: string;
	devices: number;
	opsPerDevice: number;
}

const SCENARIOS: readonly Scenario[] = [
	{ label: '1 device × 10,000 ops', devices: 1, opsPerDevice: 10_000 },
	{ label: '50 devices × 200 ops', devices: 50, opsPerDevice: 200 }
];

/** A device with its own id and hybrid logical clock (as tests/unit/server/sync-helpers.ts). */
class Device {
	readonly deviceId = uuidv7();
	private counter = 0;
	envelope() {
		return {
			opId: uuidv7(),
			deviceId: this.deviceId,
			at: encodeHlc({ wall: Date.now(), counter: this.counter++, node: this.deviceId })
		};
	}
}

function placeOp(device: Device, placeId: string) {
	return {
		...device.envelope(),
		kind: 'place.upsert' as const,
		placeId,
		packId: 'tsurugashima',
		fields: {
			name: 'ベンチ用サロン（生成）',
			category: 'salon' as const,
			districtId: 'sakae',
			point: null
		}
	};
}

function sessionOp(device: Device, placeId: string, i: number) {
	return {
		...device.envelope(),
		kind: 'session.record' as const,
		sessionId: uuidv7(),
		version: 1,
		placeId,
		date: `2024-06-${String((i % 28) + 1).padStart(2, '0')}`,
		participants: { total: 12, men: 3, women: 9 },
		volunteers: 3,
		firstTimers: 1,
		hours: null,
		deleted: false
	};
}

interface Prepared {
	actor: Account;
	device: Device;
	/** Batches of at most MAX_OPS_PER_PUSH ops, built before timing. */
	batches: unknown[][];
}

let runSeq = 0;

/** Accounts, devices and their registered places; nothing here is timed. */
async function prepare(ctx: AppContext, scenario: Scenario): Promise<Prepared[]> {
	runSeq += 1;
	const seq = runSeq;
	const actors = await Promise.all(
		Array.from({ length: scenario.devices }, (_, d) =>
			createAccount(ctx.db, {
				email: `bench-${seq}-${d}@example.test`,
				password: 'correct horse battery',
				role: 'organizer',
				cityIds: [ctx.defaultPackId],
				districtIds: []
			})
		)
	);
	return Promise.all(
		actors.map(async (actor) => {
			const device = new Device();
			const placeId = uuidv7();
			const res = await handlePush(
				ctx.db,
				{ actor, packs: ctx.packs, now: Date.now() },
				{ deviceId: device.deviceId, ops: [placeOp(device, placeId)] }
			);
			if (res.results[0]?.status !== 'applied')
				throw new Error(`place registration not applied: ${JSON.stringify(res.results[0])}`);
			const batches: unknown[][] = [];
			for (let i = 0; i < scenario.opsPerDevice; i += MAX_OPS_PER_PUSH) {
				const size = Math.min(MAX_OPS_PER_PUSH, scenario.opsPerDevice - i);
				batches.push(Array.from({ length: size }, (_, j) => sessionOp(device, placeId, i + j)));
			}
			return { actor, device, batches };
		})
	);
}

async function runScenario(engine: Engine, ctx: AppContext, scenario: Scenario): Promise<Row[]> {
	const prepared = await prepare(ctx, scenario);
	const latencies: number[] = [];
	let notApplied = 0;
	const start = performance.now();
	await Promise.all(
		prepared.map(async ({ actor, device, batches }) => {
			// One device pushes its batches one after the other, as the client's sync runner does.
			for (const ops of batches) {
				const t0 = performance.now();
				const res = await handlePush(
					ctx.db,
					{ actor, packs: ctx.packs, now: Date.now() },
					{ deviceId: device.deviceId, ops }
				);
				latencies.push(performance.now() - t0);
				notApplied += res.results.filter((r) => r.status !== 'applied').length;
			}
		})
	);
	const wallMs = performance.now() - start;
	const totalOps = scenario.devices * scenario.opsPerDevice;
	if (notApplied > 0) throw new Error(`${notApplied} of ${totalOps} ops were not applied`);
	const opsPerS = totalOps / (wallMs / 1000);
	const target = TARGET_OPS_PER_S[engine];
	const latency = summarize(latencies);
	const name = `sync: push ${engine}, ${scenario.label}`;
	return [
		{
			benchmark: `${name} — throughput`,
			figure: `${formatCount(Math.round(opsPerS))} ops/s (${formatCount(totalOps)} ops in ${formatMs(wallMs)})`,
			target: `≥ ${formatCount(target)} ops/s`,
			ok: opsPerS >= target,
			values: { opsPerS: Math.round(opsPerS), totalOps, wallMs: Math.round(wallMs) }
		},
		{
			benchmark: `${name} — request latency`,
			figure: `p95 ${formatMs(latency.p95)} · median ${formatMs(latency.median)} (${latency.runs} requests of ≤ ${MAX_OPS_PER_PUSH} ops)`,
			target: '—',
			ok: null,
			values: {
				p95Ms: Math.round(latency.p95 * 1000) / 1000,
				medianMs: Math.round(latency.median * 1000) / 1000,
				requests: latency.runs
			}
		}
	];
}

const failedRows = (engine: Engine, message: string): Row[] => [
	{ benchmark: `sync: push ${engine} failed`, figure: message, target: '—', ok: false }
];

async function runPglite(): Promise<Row[]> {
	const rows: Row[] = [];
	for (const scenario of SCENARIOS) {
		console.error(`  PGlite: ${scenario.label} …`);
		const ctx = await pgliteContext();
		try {
			rows.push(...(await runScenario('PGlite', ctx, scenario)));
		} finally {
			await ctx.db.close();
		}
	}
	return rows;
}

async function runPostgres(): Promise<Row[]> {
	let adminUrl: string;
	try {
		adminUrl = await startPostgresCluster();
	} catch (error) {
		return failedRows('PostgreSQL', errorMessage(error));
	}
	try {
		const rows: Row[] = [];
		for (const [i, scenario] of SCENARIOS.entries()) {
			console.error(`  PostgreSQL: ${scenario.label} …`);
			// A fresh database per scenario, like PGlite's fresh memory:// database.
			const ctx = await postgresContext(adminUrl, `bench_sync_${i}`);
			try {
				rows.push(...(await runScenario('PostgreSQL', ctx, scenario)));
			} finally {
				await ctx.db.close();
			}
		}
		return rows;
	} finally {
		await stopPostgresCluster();
	}
}

export async function run(): Promise<Row[]> {
	const rows = await runPglite();
	rows.push(...(await runPostgres()));
	return rows;
}
