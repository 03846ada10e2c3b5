/**
 * Grant rules as pack data. Tsurugashima publishes no threshold in the documents the project
 * holds, so its pack states none; the rules below are GENERATED fixtures, not any 社協's.
 */
import { describe, expect, it } from 'vitest';
import { buildPlacePack } from '#lib/domain/pack/build-place-pack.js';
import { GrantRulesError, parseGrantRules } from '#lib/domain/paperwork/grant-rules.js';
import { tsurugashimaPack } from '#lib/packs/tsurugashima.js';
import { readPackSources } from '../pack-files';

const FILE = 'packs/generated/pack.json';
const generated = {
	source: 'generated test rule (no real 社協)',
	minSessionsPerYear: 10,
	minParticipantsPerSession: 10,
	countedCategories: ['salon', 'kids-salon']
};

describe('grant rules in a pack', () => {
	it('a pack without the block has no rules (Tsurugashima publishes none)', () => {
		expect(parseGrantRules(undefined, FILE)).toBeNull();
		expect(tsurugashimaPack().pack.grantRules).toBeUndefined();
	});

	it('a valid block comes through as stated', () => {
		expect(parseGrantRules(generated, FILE)).toEqual(generated);
		const avg = { ...generated, minParticipantsPerSession: undefined, minAverageParticipants: 7.5 };
		expect(parseGrantRules(JSON.parse(JSON.stringify(avg)), FILE)).toMatchObject({
			minAverageParticipants: 7.5
		});
	});

	it.each([
		[{ ...generated, source: ' ' }, 'grantRules.source'],
		[{ ...generated, minSessionsPerYear: 0 }, 'grantRules.minSessionsPerYear'],
		[{ ...generated, minSessionsPerYear: '10' }, 'grantRules.minSessionsPerYear'],
		[{ ...generated, minAverageParticipants: 10 }, 'grantRules.minAverageParticipants'],
		[{ ...generated, minParticipantsPerSession: 2.5 }, 'grantRules.minParticipantsPerSession'],
		[{ ...generated, countedCategories: [] }, 'grantRules.countedCategories'],
		[{ ...generated, countedCategories: ['salon', 'サロン'] }, 'grantRules.countedCategories[1]'],
		[{ ...generated, minSession: 3 }, 'grantRules.minSession'],
		[[], 'grantRules must be an object']
	])('refuses a wrong block naming the file and the field (%#)', (block, field) => {
		expect(() => parseGrantRules(block, FILE)).toThrow(GrantRulesError);
		expect(() => parseGrantRules(block, FILE)).toThrow(`${FILE}: ${field}`);
	});

	it('the pack build carries valid rules and stops on a wrong one', () => {
		const sources = readPackSources('packs/tsurugashima');
		const withRules = { ...sources, manifest: { ...sources.manifest, grantRules: generated } };
		expect(buildPlacePack(withRules).pack.grantRules).toEqual(generated);
		const wrong = {
			...sources,
			manifest: { ...sources.manifest, grantRules: { ...generated, countedCategories: 'salon' } }
		};
		expect(() => buildPlacePack(wrong)).toThrow(
			'packs/tsurugashima/pack.json: grantRules.countedCategories must list'
		);
	});
});
