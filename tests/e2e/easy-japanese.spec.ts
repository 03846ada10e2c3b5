/**
 * やさしい日本語 (locale ja-x-easy) on a phone: chosen in the settings or by a link with
 * `?lang=easy`, kept for the next visit, with readings as <ruby> over the kanji that remain.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Locator } from '@playwright/test';
import { expect, test, waitForApp } from './fixtures';

const PLACE = '/places/shelter-E1124100002';

/** What a reader sees without the readings (the <rt> and its brackets left out). */
const baseText = (locator: Locator) =>
	locator.evaluate((el) => {
		const copy = el.cloneNode(true) as HTMLElement;
		copy.querySelectorAll('rt, rp').forEach((n) => n.remove());
		return copy.textContent?.trim();
	});

test('chosen in the settings, the home and place pages speak やさしい日本語 with readings', async ({
	page
}) => {
	await page.goto('/settings');
	await waitForApp(page);
	await page.getByLabel('言語 / Language').selectOption({ label: 'やさしい日本語' });
	await expect(page.locator('h1 rt')).toHaveText(['せってい']);

	await page.goto('/');
	await waitForApp(page);
	const heading = page.getByRole('heading', { level: 1 });
	await expect(heading.locator('rt')).toHaveText(['あつ', 'ばしょ', 'ひなんじょ']);
	expect(await baseText(heading)).toBe('集まる場所と避難所をさがす');
	// Where markup cannot go, the same words without the readings.
	await expect(page).toHaveTitle(/^居場所 — .+の集まる場所と避難所をさがします$/);
	await expect(page.locator('html')).toHaveAttribute('lang', 'ja');

	await page.goto(PLACE);
	await waitForApp(page);
	const address = page.locator('dt').filter({ has: page.locator('rt', { hasText: 'じゅうしょ' }) });
	await expect(address).toBeVisible();
	expect(await baseText(address)).toBe('住所');
	await expect(page.locator('a', { hasText: '一覧' }).locator('rt')).toHaveText([
		'いちらん',
		'もど'
	]);
});

test('?lang=easy switches the page and is kept; ?lang=ja switches back', async ({ page }) => {
	await page.goto('/?lang=easy');
	await waitForApp(page);
	const heading = page.getByRole('heading', { level: 1 });
	await expect(heading.locator('rt')).toHaveText(['あつ', 'ばしょ', 'ひなんじょ']);

	// The next visit without the parameter keeps the choice, as the settings would.
	await page.goto('/districts');
	await waitForApp(page);
	await expect(page.locator('h1 rt')).toHaveText(['いちらん']);

	await page.goto('/?lang=ja');
	await waitForApp(page);
	await expect(heading).toHaveText('つどいの場・避難所をさがす');
	await expect(heading.locator('rt')).toHaveCount(0);
});

test('a place page in やさしい日本語 has no serious or critical axe violations', async ({
	page
}) => {
	await page.goto(`${PLACE}?lang=ja-easy`);
	await waitForApp(page);
	await expect(page.locator('dt rt').first()).toBeVisible();
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
		.analyze();
	const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
	expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual(
		[]
	);
});
