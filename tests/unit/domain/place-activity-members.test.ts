/**
 * Kinds of activity and the yearly registered-member count (登録者数, a number, never names)
 * as place fields: the form keeps earlier years when this year's is stated, the protocol
 * refuses what is not a kind or not a count, and residents never see the count. Generated
 * test data only.
 */
import { describe, expect, it } from 'vitest';
import {
	draftFromFields,
	emptyPlaceDraft,
	validatePlaceDraft
} from '#lib/domain/forms/place-form.js';
import { publicPlaceView } from '#lib/domain/model.js';
import { placeFieldsSchema } from '#lib/domain/sync/protocol.js';
import { placeView } from '#lib/domain/sync/place-fields.js';
import { tsurugashimaPack } from '#lib/packs/tsurugashima.js';

const { pack, geometry } = tsurugashimaPack();
const city = { boundary: geometry.boundary, districtIds: pack.districts.map((d) => d.id) };
const base = { name: 'テスト用サロン（生成）', districtId: 'fuji', scheduleKind: 'none' as const };

describe('activity kinds and registered members on the place form', () => {
	it('states this fiscal year’s count and keeps the years stated before', () => {
		const draft = {
			...draftFromFields({ registeredMembers: { '2024': 15 } }, '2026-05-01'),
			...base,
			activityKinds: ['exercise' as const, 'tea-and-talk' as const],
			members: ' 18 '
		};
		expect(draft.membersYear).toBe(2026);
		const result = validatePlaceDraft(draft, city);
		expect(result).toMatchObject({
			ok: true,
			value: {
				activityKinds: ['exercise', 'tea-and-talk'],
				registeredMembers: { '2024': 15, '2026': 18 }
			}
		});
	});

	it('March 31 asks for the year ending then; the form shows a stated count back', () => {
		const d = draftFromFields({ registeredMembers: { '2025': 20 } }, '2026-03-31');
		expect([d.membersYear, d.members]).toEqual([2025, '20']);
		expect(draftFromFields({}, '2026-04-01').membersYear).toBe(2026);
	});

	it('a blank count takes this year’s figure out; not a number or too many is refused', () => {
		const cleared = validatePlaceDraft(
			{ ...emptyPlaceDraft('2026-05-01'), ...base, membersByYear: { '2026': 9 }, members: '' },
			city
		);
		expect(cleared.ok && cleared.value.registeredMembers).toEqual({});
		for (const [members, key] of [
			['十二', 'error.notANumber'],
			['-3', 'error.notANumber'],
			['1001', 'error.tooMany']
		]) {
			const r = validatePlaceDraft({ ...emptyPlaceDraft(), ...base, members: members! }, city);
			expect(r.ok ? null : r.errors.members?.key).toBe(key);
		}
	});
});

describe('the place op carries them, validated', () => {
	it('accepts the survey’s kinds and yearly counts, refuses anything else', () => {
		const ok = placeFieldsSchema.partial().safeParse({
			activityKinds: ['meals', 'dementia-prevention', 'intergenerational', 'other'],
			registeredMembers: { '2025': 0, '2026': 1000 }
		});
		expect(ok.success).toBe(true);
		for (const bad of [
			{ activityKinds: ['karaoke'] },
			{ registeredMembers: { '2026': 1001 } },
			{ registeredMembers: { '2026': 2.5 } },
			{ registeredMembers: { R8: 10 } },
			{ registeredMembers: { '2026': ['山田'] } }
		]) {
			expect(placeFieldsSchema.partial().safeParse(bad).success, JSON.stringify(bad)).toBe(false);
		}
	});

	it('residents see the kinds, never the registered count', () => {
		const at = '0000000000000001-0000-gen';
		const place = placeView({
			id: 'generated',
			ownerId: null,
			moderation: 'approved',
			moderationNote: null,
			fields: {
				name: { value: 'テスト用サロン（生成）', at },
				category: { value: 'salon', at },
				activityKinds: { value: ['exercise'], at },
				registeredMembers: { value: { '2026': 18 }, at }
			}
		});
		expect(place.registeredMembers).toEqual({ '2026': 18 });
		const shown = publicPlaceView(place);
		expect(shown.activityKinds).toEqual(['exercise']);
		expect('registeredMembers' in shown).toBe(false);
	});
});
