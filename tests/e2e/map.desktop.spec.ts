import { expect, test, TILE_HOSTS } from './fixtures';

// A generated 1×1 grey PNG: a stand-in tile, so no test reaches the public tile servers.
const GENERATED_TILE = Buffer.from(
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGM4AwAAzgDN1GaQsAAAAABJRU5ErkJggg==',
	'base64'
);

test.describe('map beside the list (wide screen)', () => {
	test('with no tiles the map still shows district outlines, markers and a notice', async ({
		findPage,
		page
	}) => {
		await findPage.open('?c=shelter');
		const map = page.getByTestId('place-map');
		await expect(map.locator('.place-marker').first()).toBeVisible();
		await expect(map.locator('path.leaflet-interactive')).toHaveCount(8);
		await expect(map.locator('.district-label')).toHaveCount(8);
		await expect(page.getByTestId('no-tiles')).toBeVisible();
		// Every located shelter is on the map and in the list.
		await expect(map).toHaveAttribute('data-marker-count', '25');
		await expect(findPage.results.getByRole('listitem')).toHaveCount(25);
		// Nothing of OpenStreetMap is drawn, so nothing of it is credited.
		await expect(map.locator('.leaflet-control-attribution')).not.toContainText('OpenStreetMap');
	});

	test('the tile credit appears once a tile has loaded', async ({ findPage, page }) => {
		await page.route(TILE_HOSTS, (route) =>
			route.fulfill({
				contentType: 'image/png',
				headers: { 'access-control-allow-origin': '*' },
				body: GENERATED_TILE
			})
		);
		await findPage.open('?c=shelter');
		const map = page.getByTestId('place-map');
		await expect(map.locator('.leaflet-control-attribution')).toContainText('OpenStreetMap');
		await expect(page.getByTestId('no-tiles')).toBeHidden();
	});

	test('tapping a district on the map filters by it', async ({ findPage, page }) => {
		await findPage.open();
		const map = page.getByTestId('place-map');
		const label = map.locator('.district-label', { hasText: /^南$/ });
		const tooltipId = await label.getAttribute('id');
		// Leaflet ties each polygon to its label with aria-describedby; a tap anywhere on the
		// polygon lands on the path, which Leaflet turns into a layer click.
		await map.locator(`path[aria-describedby="${tooltipId}"]`).dispatchEvent('click');
		await expect(page).toHaveURL(/d=minami/);
		await expect(findPage.districtSelect).toHaveValue('minami');
	});

	test('a marker opens a popup linking to the place page', async ({ findPage, page }) => {
		await findPage.open('?q=女性センター');
		const marker = page.getByRole('button', { name: '女性センター' });
		await marker.click();
		await page.locator('.leaflet-popup').getByRole('link', { name: '女性センター' }).click();
		await expect(page).toHaveURL(/\/places\/shelter-E1124100004$/);
	});

	test('a community centre is drawn as what the resident looks for', async ({ findPage, page }) => {
		const marker = page.getByRole('button', { name: '北市民センター' }).locator('.place-marker');
		// It is both a public facility and a designated shelter.
		await findPage.open('?c=shelter&q=北市民センター');
		await expect(marker).toHaveText('避');
		await findPage.open('?c=public-facility&q=北市民センター');
		await expect(marker).toHaveText('公');
		await findPage.open('?q=北市民センター');
		await expect(marker).toHaveText('公');
	});
});
