import { pgliteContext } from './server-db';
import { loadIndicatorData } from './indicators-load';
const n = Number(process.argv[2] ?? 100000);
const ctx = await pgliteContext();
const t0 = performance.now();
const districtIds = ctx.packs.get('tsurugashima')!.pack.districts.map((d) => d.id);
console.log(districtIds);
const counts = await loadIndicatorData(ctx.db, { packId: 'tsurugashima', districtIds, sessionRecords: n });
console.log(counts, ((performance.now() - t0) / 1000).toFixed(1), 's');
const { computeYear } = await import('../src/lib/server/indicator-service');
for (let i = 0; i < 5; i++) {
  const t = performance.now();
  const y = await computeYear(ctx, 'tsurugashima', 2023);
  console.log((performance.now() - t).toFixed(1), 'ms', i === 4 ? JSON.stringify(y.figures).slice(0, 1500) : '');
}
console.log(await ctx.db.query(`select data from session_records where version = 2 limit 2`));
console.log(await ctx.db.query(`select data, stamps from places limit 1 offset 500`));
await ctx.db.close();
