/**
 * Packs are read from the packs directory at run time and refused with every problem named by
 * file and field: what a city's IT person sees from `npm run pack -- check` and from a server
 * that will not start. The second pack is generated test data (tests/fixtures/packs/generated-city).
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
	defaultCityOf,
	loadPacksDirectory,
	PackLoadError,
	readPackDirectory,
	type PackProblem
} from '#lib/server/packs/load-packs.js';
import { tsurugashimaPack } from '#lib/packs/tsurugashima.js';

const FIXTURE = resolve('tests/fixtures/packs/generated-city');
const TSURUGASHIMA = resolve('packs/tsurugashima');
const temp = mkdtempSync(join(tmpdir(), 'ibasho-packs-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

let n = 0;
/** A packs directory holding a copy of the generated pack (as `id`), edited by `edit`. */
function packsWith(edit: (dir: string) => void, id = 'generated-city', withTsurugashima = false) {
	const root = join(temp, `packs-${++n}`);
	const dir = join(root, id);
	cpSync(FIXTURE, dir, { recursive: true });
	if (withTsurugashima) symlinkSync(TSURUGASHIMA, join(root, 'tsurugashima'));
	edit(dir);
	return { root, dir };
}

const editJson = (file: string, change: (data: Record<string, unknown>) => void) => {
	const data = JSON.parse(readFileSync(file, 'utf8'));
	change(data);
	writeFileSync(file, JSON.stringify(data));
};

const problemsOf = (dir: string): PackProblem[] => readPackDirectory(dir).problems;
const at = (problems: PackProblem[]) => problems.map((p) => `${p.file} ${p.field}`);

describe('the packs directory', () => {
	it('holds Tsurugashima with its plan, built as before (ids unchanged)', () => {
		const cities = loadPacksDirectory(resolve('packs'));
		expect(cities.map((c) => c.loaded.pack.id).sort()).toEqual(['tokorozawa', 'tsurugashima']);
		const city = cities.find((c) => c.loaded.pack.id === 'tsurugashima');
		expect(city!.loaded.pack.id).toBe('tsurugashima');
		expect(city!.plan?.indicators).toHaveLength(20);
		const ids = city!.loaded.pack.places.map((p) => p.id);
		expect(ids).toContain('council-1');
		expect(ids).toContain('welfare-cosmos');
		expect(city!.loaded.pack.districts.map((d) => d.id)).toContain('minami');
		expect(tsurugashimaPack().pack.places.map((p) => p.id)).toEqual(ids);
	});

	it('a city with only some sources loads: no plan, no councils, bbox from its boundary', () => {
		const { pack, problems } = readPackDirectory(FIXTURE);
		expect(problems).toEqual([]);
		expect(pack!.plan).toBeNull();
		expect(pack!.loaded.pack.bbox).toEqual([150, 40, 150.02, 40.02]);
		expect(pack!.loaded.pack.places.map((p) => [p.name, p.districtIds])).toEqual([
			['生成避難所1（テスト用）', ['generated-city-west']],
			['生成避難所2（テスト用）', ['generated-city-east']],
			['生成広場（テスト用）', ['generated-city-east']]
		]);
	});

	it('the default city is DEFAULT_CITY, else Tsurugashima, else the first id', () => {
		expect(defaultCityOf(['a-city', 'tsurugashima'])).toBe('tsurugashima');
		expect(defaultCityOf(['b-city', 'a-city'])).toBe('a-city');
		expect(defaultCityOf(['a-city', 'tsurugashima'], 'a-city')).toBe('a-city');
		expect(() => defaultCityOf(['a-city'], 'nowhere')).toThrow(/DEFAULT_CITY "nowhere"/);
	});
});

describe('a bad pack is refused with every problem, by file and field', () => {
	it('pack.json fields', () => {
		const { dir } = packsWith((d) =>
			editJson(join(d, 'pack.json'), (m) => {
				m.municipalityCode = '11-208';
				m.municipality = '';
				(m.sources as Record<string, string>).shelterz = 'source/shelters.geojson';
				(m.sources as Record<string, string>).towns = 'source/towns.geojson';
			})
		);
		// Schema problems come first; the rest is checked once the fields can be read.
		expect(at(problemsOf(dir))).toEqual([
			'generated-city/pack.json municipality',
			'generated-city/pack.json municipalityCode'
		]);
		editJson(join(dir, 'pack.json'), (m) => {
			m.municipalityCode = '99999';
			m.municipality = '生成市（テスト用）';
		});
		const problems = problemsOf(dir);
		expect(at(problems)).toEqual([
			'generated-city/pack.json sources.shelterz',
			'generated-city/pack.json sources.towns'
		]);
		expect(problems[0]!.message).toMatch(/unknown source; known: boundary, /);
		expect(problems[1]!.message).toBe('names source/towns.geojson, which does not exist');
	});

	it('a pack without a boundary, or whose id is not its directory name', () => {
		const { dir } = packsWith(
			(d) =>
				editJson(join(d, 'pack.json'), (m) => {
					delete (m.sources as Record<string, string>).boundary;
				}),
			'other-name'
		);
		expect(problemsOf(dir)).toEqual([
			{ file: 'other-name/pack.json', field: 'sources', message: 'names no boundary file' }
		]);
		editJson(join(dir, 'pack.json'), (m) => {
			(m.sources as Record<string, string>).boundary = 'source/boundary.geojson';
		});
		expect(problemsOf(dir)).toEqual([
			{
				file: 'other-name/pack.json',
				field: 'id',
				message:
					'"generated-city" differs from its directory name "other-name" (the city id is the directory name)'
			}
		]);
	});

	it('source files: not JSON, wrong geometry, missing properties, a school without a district id', () => {
		const { dir } = packsWith((d) => {
			editJson(join(d, 'source/shelters.geojson'), (fc) => {
				const [first, second, third] = fc.features as {
					properties: Record<string, unknown>;
					geometry: unknown;
				}[];
				delete first!.properties.site_key;
				second!.geometry = { type: 'Polygon', coordinates: [] };
				third!.properties.category = 'shelter';
			});
			editJson(join(d, 'pack.json'), (m) => {
				delete (m.districtIdsBySchool as Record<string, string>)['生成東小学校'];
			});
		});
		writeFileSync(join(dir, 'source/boundary.geojson'), '{ "type": ');
		const problems = problemsOf(dir);
		expect(at(problems)).toEqual([
			'generated-city/source/boundary.geojson (file)',
			'generated-city/source/shelters.geojson features[0].properties.site_key',
			'generated-city/source/shelters.geojson features[1].geometry',
			'generated-city/source/shelters.geojson features[2].properties.category',
			'generated-city/pack.json districtIdsBySchool.生成東小学校'
		]);
		expect(problems[0]!.message).toMatch(/^not JSON: /);
		expect(problems[4]!.message).toBe(
			"missing: generated-city/source/districts.geojson features[1] is this school's district"
		);
	});

	it('plan.json problems carry the plan file and the path in it', () => {
		const { dir } = packsWith((d) => {
			const plan = JSON.parse(readFileSync(join(TSURUGASHIMA, 'plan.json'), 'utf8'));
			delete plan.municipality;
			writeFileSync(join(d, 'plan.json'), JSON.stringify(plan));
		});
		const problems = problemsOf(dir);
		expect(problems.length).toBeGreaterThan(0);
		expect(problems.every((p) => p.file === 'generated-city/plan.json')).toBe(true);
		expect(problems.map((p) => p.field)).toContain('municipality');
	});

	it('ids that collide with another city are refused, naming both files', () => {
		// A council list gives council-1…, as Tsurugashima's does; a district id `minami` too.
		const { root } = packsWith(
			(d) => {
				writeFileSync(join(d, 'source/councils.csv'), 'name\n生成協議会（テスト用）\n');
				editJson(join(d, 'pack.json'), (m) => {
					(m.sources as Record<string, string>).supportCouncilsCsv = 'source/councils.csv';
					// Unprefixed ids, as Tsurugashima's own (a pack may keep its published ids).
					m.idPrefix = '';
					m.sourceIds = { ...(m.sourceIds as object), supportCouncils: 'generated' };
					(m.districtIdsBySchool as Record<string, string>)['生成東小学校'] = 'minami';
				});
			},
			'generated-city',
			true
		);
		let error: unknown;
		try {
			loadPacksDirectory(root);
		} catch (e) {
			error = e;
		}
		expect(error).toBeInstanceOf(PackLoadError);
		expect((error as PackLoadError).problems).toEqual([
			{
				file: 'tsurugashima/pack.json',
				field: 'places',
				message:
					'id "council-1" is also in generated-city/pack.json: ids must differ between cities (start them with the city id)'
			},
			{
				file: 'tsurugashima/pack.json',
				field: 'districts',
				message:
					'id "minami" is also in generated-city/pack.json: ids must differ between cities (start them with the city id)'
			}
		]);
	});

	it('a place whose credit names no attribution of its pack is refused, with the fix', () => {
		// Shelters credit `gsi-shelters` unless `sourceIds` names the pack's own attribution.
		const { dir } = packsWith((d) =>
			editJson(join(d, 'pack.json'), (m) => {
				delete m.sourceIds;
			})
		);
		expect(problemsOf(dir)).toEqual([
			{
				file: 'generated-city/pack.json',
				field: 'attributions',
				message: expect.stringMatching(/no attribution has id "gsi-shelters".*"sourceIds"/)
			}
		]);
	});

	it('a shelter’s hazards are ids: Japanese words are refused, naming the ids', () => {
		const { dir } = packsWith((d) =>
			editJson(join(d, 'source/shelters.geojson'), (c) => {
				const features = c.features as { properties: Record<string, unknown> }[];
				features[0]!.properties.hazards = '洪水,地震';
			})
		);
		expect(at(problemsOf(dir))).toEqual([
			'generated-city/source/shelters.geojson features[0].properties.hazards'
		]);
	});

	it('an empty packs directory stops the start', () => {
		expect(() => loadPacksDirectory(join(temp, 'nothing-here'))).toThrow(/holds no pack/);
	});
});

describe('npm run pack -- check', () => {
	const run = (...args: string[]) =>
		new Promise<{ code: number; stdout: string; stderr: string }>((done) => {
			execFile(
				resolve('node_modules/.bin/tsx'),
				['scripts/pack.ts', ...args],
				{ env: { ...process.env, PACKS_DIR: 'packs' } },
				(error, stdout, stderr) =>
					done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr })
			);
		});

	it('says ok for a good pack', async () => {
		const { code, stdout } = await run('check', 'packs/tsurugashima');
		expect(code).toBe(0);
		expect(stdout).toContain(
			'packs/tsurugashima: ok — 鶴ヶ島市 (tsurugashima): 39 places, 8 districts, 6 places without a district, plan with 20 indicators'
		);
	});

	it('lists every problem with file and field, and fails', async () => {
		const { dir } = packsWith(
			(d) =>
				editJson(join(d, 'pack.json'), (m) => {
					(m.sources as Record<string, string>).towns = 'source/towns.geojson';
					m.idPrefix = '';
					m.sourceIds = { ...(m.sourceIds as object), supportCouncils: 'generated' };
					(m.districtIdsBySchool as Record<string, string>)['生成西小学校'] = 'minami';
				}),
			'generated-city',
			true
		);
		const { code, stderr } = await run('check', dir);
		expect(code).toBe(1);
		expect(stderr).toContain(
			'generated-city/pack.json: sources.towns: names source/towns.geojson, which does not exist'
		);
		// Fixed, it is checked against the pack beside it:
		editJson(join(dir, 'pack.json'), (m) => {
			delete (m.sources as Record<string, string>).towns;
		});
		const again = await run('check', dir);
		expect(again.code).toBe(1);
		expect(again.stderr).toMatch(/pack\.json: districts: id "minami" is also in .*pack\.json/);
	});

	it('refuses a command it does not know', async () => {
		expect((await run('lint')).code).toBe(2);
	});
});
