import AxeBuilder from '@axe-core/playwright';
import { expect, test, waitForApp } from './fixtures';
import { createAccount, signIn } from './pages/work';

const isMapMarker = (selector: string) =>
	/^div\[title=/.test(selector) || selector.includes('leaflet-marker');

const PAGES = [
	['map and list', '/?c=shelter'],
	['place', '/places/shelter-E1124100002'],
	['district', '/districts/sakae'],
	['print', '/districts/sakae/print'],
	['error', '/places/no-such-place']
] as const;

for (const [name, url] of PAGES) {
	test(`${name} page has no serious or critical axe violations`, async ({ page }) => {
		await page.goto(url);
		await waitForApp(page);
		// On a wide screen the map stands beside the list: check it with its markers drawn.
		const isWide = (page.viewportSize()?.width ?? 0) >= 960;
		if (url.startsWith('/?') && isWide) await page.locator('.place-marker').first().waitFor();
		const results = await new AxeBuilder({ page })
			.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
			.analyze();
		const bad = results.violations
			.filter((v) => v.impact === 'serious' || v.impact === 'critical')
			.map((v) =>
				// WCAG 2.5.8 exempts targets whose function another control on the page offers:
				// overlapping markers at city zoom are each also a full-size card in the list.
				v.id === 'target-size'
					? { ...v, nodes: v.nodes.filter((n) => !isMapMarker(n.target.join(' '))) }
					: v
			)
			.filter((v) => v.nodes.length > 0);
		expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual(
			[]
		);
	});
}

const STAFF_PAGES = [
	['indicator dashboard', '/work/indicators?fy=2023', 'indicator-2'],
	['indicator entry', '/work/indicators/18', null],
	['indicator evaluation', '/work/indicators/2/evaluation?fy=2023', null],
	['indicator districts', '/work/indicators/districts?fy=2023', null],
	['indicator print', '/work/indicators/print?fy=2023', 'progress-table']
] as const;

test.describe('staff screens', () => {
	for (const [name, url, testId] of STAFF_PAGES) {
		test(`${name} page has no serious or critical axe violations`, async ({ page, request }) => {
			await signIn(page, await createAccount(request, 'staff'));
			await page.goto(url);
			await waitForApp(page);
			if (testId) await page.getByTestId(testId).first().waitFor();
			else await page.getByRole('heading', { level: 1 }).waitFor();
			const results = await new AxeBuilder({ page })
				.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
				.analyze();
			const bad = results.violations.filter(
				(v) => v.impact === 'serious' || v.impact === 'critical'
			);
			expect(
				bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
			).toEqual([]);
		});
	}
});
