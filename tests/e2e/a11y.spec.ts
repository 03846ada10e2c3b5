import AxeBuilder from '@axe-core/playwright';
import { expect, test, waitForApp } from './fixtures';
import { createAccount, signIn } from './pages/work';

type AxeNode = Awaited<ReturnType<AxeBuilder['analyze']>>['violations'][number]['nodes'][number];

/**
 * A place marker that fails target-size only because its neighbours overlap it. Every marker's
 * tap target is 44 px (the tap-target test below measures it), but at city zoom nearby sites
 * overlap, and WCAG 2.5.8 exempts a target whose function another control on the page offers:
 * each place is also a full-size card in the list. A marker too small is never excused.
 */
const isOverlappedMarker = (node: AxeNode) =>
	(/^div\[title=/.test(node.target.join(' ')) ||
		node.target.join(' ').includes('leaflet-marker')) &&
	node.any.every(
		(check) =>
			check.id === 'target-offset' ||
			(check.data as { messageKey?: string } | null)?.messageKey === 'partiallyObscured'
	);

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
				v.id === 'target-size' ? { ...v, nodes: v.nodes.filter((n) => !isOverlappedMarker(n)) } : v
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
	['indicator print', '/work/indicators/print?fy=2023', 'progress-table'],
	['salon years', '/work/salon-years', null],
	['survey', '/work/survey', 'survey'],
	['salon list import', '/work/places/import', null]
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

/** The project's minimum for anything a finger taps (the issue: "tap targets ≥ 44 px"). */
const MIN_TARGET = 44;

interface Target {
	what: string;
	width: number;
	height: number;
	/** A link inside running text (WCAG 2.5.8's inline exception): reported, not measured. */
	inline: boolean;
}

/**
 * Every visible link, button and form control on the page with the size a finger can hit.
 * A link whose `::after` is stretched over a positioned ancestor (a list card: the whole card
 * is the link) is measured by that ancestor. Runs in the page.
 */
function measureTargets(): Target[] {
	const selector = 'a[href], button, input:not([type="hidden"]), select, textarea, [role="button"]';
	const targets: Target[] = [];
	for (const el of document.querySelectorAll<HTMLElement>(selector)) {
		const style = getComputedStyle(el);
		let box = el.getBoundingClientRect();
		if (style.visibility === 'hidden' || box.width === 0 || box.height === 0) continue;
		if (el.closest('.visually-hidden')) continue;
		// Parked off the page until focused (the skip link).
		if (box.bottom + scrollY <= 0 || box.right + scrollX <= 0) continue;
		const after = getComputedStyle(el, '::after');
		if (after.content !== 'none' && after.position === 'absolute') {
			let holder = el.parentElement;
			while (holder && getComputedStyle(holder).position === 'static') {
				holder = holder.parentElement;
			}
			if (holder) box = holder.getBoundingClientRect();
		}
		const ownText = el.textContent ?? '';
		const inline =
			el.tagName === 'A' &&
			style.display === 'inline' &&
			(el.parentElement?.textContent ?? '').replace(ownText, '').trim().length > 0;
		const name = el.getAttribute('aria-label') ?? el.getAttribute('title') ?? ownText;
		const what = `${el.tagName.toLowerCase()} "${name.trim().slice(0, 40)}"`;
		targets.push({ what, width: box.width, height: box.height, inline });
	}
	return targets;
}

const TARGET_PAGES = [
	['list', '/?c=shelter'],
	['map', '/?c=shelter&view=map'],
	['place', '/places/shelter-E1124100005'],
	['district', '/districts/tsurugashima-1'],
	['print', '/districts/tsurugashima-1/print']
] as const;

test.describe('tap targets', () => {
	for (const [name, url] of TARGET_PAGES) {
		test(`every link, button and field on the ${name} page is at least 44 × 44 px`, async ({
			page
		}) => {
			await page.goto(url);
			await waitForApp(page);
			const isWide = (page.viewportSize()?.width ?? 0) >= 960;
			const hasMap = url.startsWith('/?') && (url.includes('view=map') || isWide);
			if (hasMap) {
				await page.locator('.place-marker').first().waitFor();
				// A popup brings its own link and close button: measure those too.
				await page.getByRole('button', { name: '北市民センター' }).click();
				await page.locator('.leaflet-popup').waitFor();
			}
			const targets = await page.evaluate(measureTargets);
			expect(targets.length).toBeGreaterThan(5);
			const small = targets
				// Rounded: a map marker's box is 43.99 px at a 2.625 device-pixel ratio.
				.filter(
					(t) => !t.inline && Math.min(Math.round(t.width), Math.round(t.height)) < MIN_TARGET
				)
				.map((t) => `${t.what}: ${Math.round(t.width)} × ${Math.round(t.height)}`);
			expect(small).toEqual([]);
			// No link is exempt: the one inline link the app has, the tile credit 「© OpenStreetMap
			// contributors」 (WCAG 2.5.8's inline exception), shows only once a tile has loaded, and
			// e2e runs load none. Any other must be reviewed before it is added here.
			const inline = [...new Set(targets.filter((t) => t.inline).map((t) => t.what))];
			expect(inline).toEqual([]);
		});
	}
});
