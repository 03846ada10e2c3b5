/**
 * Finding on a 412×915 phone, where the filters fill the first screen: a tap that changes the
 * results brings them into view, 地図で見る shows the map, and quick type-and-tap never loses
 * or brings back what is in the search box.
 */
import { distanceMeters } from '../../src/lib/domain/geo';
import { expect, test, waitForApp } from './fixtures';

test.use({ viewport: { width: 412, height: 915 } });

/** A point in central Tsurugashima (near 鶴ヶ島駅), chosen for the test. */
const HERE = { lng: 139.3982, lat: 35.9346 };

test('after 近い順 the nearest place is on screen without scrolling', async ({
	context,
	findPage,
	request
}) => {
	const features: {
		geometry: { coordinates: [number, number] } | null;
		properties: { name: string };
	}[] = (await (await request.get('/api/places.geojson')).json()).features;
	const nearest = features
		.filter((f) => f.geometry)
		.map((f) => ({
			name: f.properties.name,
			d: distanceMeters(HERE, { lng: f.geometry!.coordinates[0], lat: f.geometry!.coordinates[1] })
		}))
		.sort((a, b) => a.d - b.d)[0]!;
	await context.grantPermissions(['geolocation']);
	await context.setGeolocation({ longitude: HERE.lng, latitude: HERE.lat });
	await findPage.open();
	const first = findPage.results.getByRole('listitem').first();
	await expect(first).not.toBeInViewport(); // the filters come first on a phone
	await findPage.nearMe.click();
	await expect(first.getByRole('heading')).toHaveText(nearest.name);
	await expect(first).toBeInViewport({ ratio: 1 });
});

test('a category tap brings the results into view', async ({ findPage }) => {
	await findPage.open();
	await findPage.category('公共施設').click();
	await expect(findPage.page.getByRole('heading', { name: /件/ })).toBeInViewport();
	await expect(findPage.results.getByRole('listitem').first()).toBeInViewport();
});

test('地図で見る on a district page shows the map', async ({ page }) => {
	await page.goto('/districts/fuji');
	await waitForApp(page);
	await page.getByRole('link', { name: '地図で見る' }).click();
	await expect(page).toHaveURL(/d=fuji/);
	await expect(page.getByTestId('place-map')).toBeVisible();
	await expect(page.locator('.place-marker').first()).toBeVisible();
});

test('typing then tapping a category at once keeps the typed text', async ({ findPage }) => {
	await findPage.open();
	await findPage.search.fill('センター');
	await findPage.category('公共施設').click();
	await findPage.page.waitForURL(/c=public-facility/);
	expect(new URL(findPage.page.url()).searchParams.get('q')).toBe('センター');
	await expect(findPage.search).toHaveValue('センター');
});

test('clearing the box then tapping a category at once does not bring the text back', async ({
	findPage
}) => {
	await findPage.open('?q=センター');
	await expect(findPage.search).toHaveValue('センター');
	await findPage.search.fill('');
	await findPage.category('避難所・避難場所').click();
	await findPage.page.waitForURL(/c=shelter/);
	expect(new URL(findPage.page.url()).searchParams.get('q')).toBeNull();
	await expect(findPage.search).toHaveValue('');
	// And a further tap keeps it empty.
	await findPage.category('公共施設').click();
	await findPage.page.waitForURL(/public-facility/);
	expect(new URL(findPage.page.url()).searchParams.get('q')).toBeNull();
	await expect(findPage.search).toHaveValue('');
});
