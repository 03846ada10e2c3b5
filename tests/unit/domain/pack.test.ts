import { describe, expect, it } from 'vitest';
import { districtAt, districtsFromAreaText } from '#lib/domain/pack/build-place-pack.js';
import { anyPolygonContains } from '#lib/domain/geo.js';
import { tsurugashimaPack } from '#lib/packs/tsurugashima.js';
import schoolsRaw from '../../../packs/tsurugashima/source/tsurugashima-schools.geojson?raw';

interface SchoolFeature {
	properties: { name: string; school_type: string; A27_004?: string };
	geometry: { coordinates: [number, number] };
}
const schools: SchoolFeature[] = JSON.parse(schoolsRaw).features;
const { pack, geometry } = tsurugashimaPack();

describe('Tsurugashima pack: districts', () => {
	it('has the 8 elementary school districts', () => {
		expect(pack.districts.map((d) => d.name).sort()).toEqual(
			[
				'南小学校区',
				'新町小学校区',
				'杉下小学校区',
				'栄小学校区',
				'藤小学校区',
				'長久保小学校区',
				'鶴ヶ島第一小学校区',
				'鶴ヶ島第二小学校区'
			].sort()
		);
	});

	const elementary = schools.filter((s) => s.properties.school_type === 'elementary_school');
	it('knows all 8 public elementary schools', () => expect(elementary).toHaveLength(8));

	it.each(elementary.map((s) => [s.properties.name, s] as const))(
		'%s lies inside its own district polygon',
		(_name, school) => {
			const [lng, lat] = school.geometry.coordinates;
			const own = pack.districts.find((d) => d.schoolName === school.properties.name);
			expect(own).toBeDefined();
			expect(districtAt(geometry.districts, { lng, lat })).toBe(own!.id);
		}
	);

	it('gives no district to a point outside the city (川越駅, Tokyo Station, the sea)', () => {
		for (const p of [
			{ lng: 139.4856, lat: 35.9077 },
			{ lng: 139.7671, lat: 35.6812 },
			{ lng: 140.5, lat: 35.0 }
		]) {
			expect(districtAt(geometry.districts, p)).toBeNull();
			expect(geometry.boundary.some((poly) => anyPolygonContains([poly], p))).toBe(false);
		}
	});
});

describe('Tsurugashima pack: places', () => {
	const byId = new Map(pack.places.map((p) => [p.id, p]));

	it('has one place per shelter site (25 sites from 47 GSI records)', () => {
		expect(pack.places.filter((p) => p.categories.includes('shelter'))).toHaveLength(25);
	});

	it('keeps both designations and hazards on one site', () => {
		const school = byId.get('shelter-E1124100002')!; // 鶴ヶ島第一小学校
		expect(school.name).toBe('鶴ヶ島市立鶴ヶ島第一小学校');
		expect(school.shelter).toEqual({
			evacuationShelter: true,
			emergencySite: true,
			hazards: ['flood', 'earthquake', 'large_fire', 'inland_flooding']
		});
		expect(school.districtIds).toEqual(['tsurugashima-1']);
		const park = byId.get('shelter-E1124100006')!; // 脚折近隣公園: emergency site only
		expect(park.shelter?.evacuationShelter).toBe(false);
		expect(park.shelter?.hazards).toEqual(['earthquake', 'large_fire']);
	});

	it('marks the 8 community centres as public facilities that are also shelters', () => {
		const centres = pack.places.filter((p) => p.categories[0] === 'public-facility');
		expect(centres).toHaveLength(8);
		for (const c of centres) expect(c.categories).toContain('shelter');
	});

	it('lists the 8 support councils with no invented point and districts from their area text', () => {
		const councils = pack.places.filter((p) => p.categories.includes('support-council'));
		expect(councils).toHaveLength(8);
		for (const c of councils) {
			expect(c.point).toBeNull();
			expect(c.areaText).toBeTruthy();
		}
		const fujimi = councils.find((c) => c.name === '富士見地区地域支え合い協議会')!;
		expect(fujimi.districtIds).toEqual(['sakae']);
		expect(fujimi.districtSource).toBe('area-text');
		// The date is data; its label (設立 / Established) is the UI's, in the catalogs.
		expect(fujimi.established).toBe('平成24年4月');
		for (const c of councils) expect(c.notes.join()).not.toMatch(/設立/);
	});

	it('lists the six welfare facilities from the plan as location unknown', () => {
		const welfare = pack.places.filter((p) => p.categories.includes('welfare-shelter'));
		expect(welfare.map((w) => w.name)).toEqual([
			'鶴ヶ島ケアホーム',
			'鶴ヶ島ほほえみの郷',
			'みどりの風鶴ヶ島',
			'多機能事業所あゆみ',
			'鶴ヶ島ゆめの園',
			'こすもす作業所'
		]);
		for (const w of welfare) expect(w.point).toBeNull();
	});

	it('ships no salons as real data', () => {
		expect(pack.places.some((p) => p.categories.includes('salon'))).toBe(false);
		expect(pack.places.some((p) => p.categories.includes('kids-salon'))).toBe(false);
	});

	it('derives council districts from town names, skipping names that are not towns', () => {
		const towns = pack.towns;
		expect(districtsFromAreaText('富士見一丁目~五丁目', towns)).toEqual(['sakae']);
		expect(districtsFromAreaText('中台団地、はなみずき', towns)).toEqual([]);
		// 五味ケ谷 in the council text, 五味ヶ谷 in the address data: the fold makes them meet.
		expect(districtsFromAreaText('五味ケ谷', towns)).toEqual(['sugishita']);
	});
});

describe('support council districts from area text', () => {
	it('reads 脚折 as 大字脚折, not the 脚折町 丁目 towns', () => {
		const only = districtsFromAreaText('脚折', pack.towns);
		const withMachi = districtsFromAreaText('脚折町', pack.towns);
		expect(only).toEqual(['tsurugashima-1']);
		expect(withMachi).toContain('nagakubo');
	});
});
