/**
 * Checks cities' packs before a server loads them (npm run pack -- check [dir…]):
 *   npm run pack -- check packs/tokorozawa     one pack, and its ids against the other packs beside it
 *   npm run pack -- check                      every pack under PACKS_DIR (default packs)
 * Prints every problem as `<file>: <field>: <what is wrong>` and exits 1 when there is any,
 * 2 on a usage error, 0 when the packs load as the server would load them.
 */
import { relative } from 'node:path';
import { checkPacks } from '../src/lib/server/packs/check-packs';
import { formatProblems } from '../src/lib/server/packs/load-packs';

const USAGE = 'usage: npm run pack -- check [packs/<city> …]';

function main(argv: string[]): number {
	const [command, ...dirs] = argv;
	if (command !== 'check') {
		console.error(USAGE);
		return 2;
	}
	const { problems, checked } = checkPacks(dirs);
	if (problems.length > 0) {
		console.error(`${problems.length} problem(s):\n${formatProblems(problems)}`);
		return 1;
	}
	if (checked.length === 0) {
		console.error(`no pack found (a directory with a pack.json)\n${USAGE}`);
		return 1;
	}
	for (const { loaded, plan, dir } of checked) {
		const { pack } = loaded;
		// A city with districts whose places got none: an address naming no listed town, a point
		// outside every polygon. Not an error (never guessed), but worth a look.
		const without = pack.districts.length
			? pack.places.filter((p) => p.districtIds.length === 0).length
			: 0;
		console.log(
			`${relative(process.cwd(), dir) || dir}: ok — ${pack.municipality} (${pack.id}): ` +
				`${pack.places.length} places, ${pack.districts.length} districts, ` +
				(without ? `${without} places without a district, ` : '') +
				(plan ? `plan with ${plan.indicators.length} indicators` : 'no plan')
		);
	}
	return 0;
}

process.exitCode = main(process.argv.slice(2));
