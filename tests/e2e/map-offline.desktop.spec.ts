import { countSavedPlaces, expect, test, waitForApp } from './fixtures';

test('offline cold start on a wide screen: the map shows district outlines and markers', async ({
	context,
	page
}) => {
	await page.goto('/');
	await waitForApp(page);
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
	});
	await expect(page.getByTestId('place-map').locator('.place-marker').first()).toBeVisible();
	// The pack is saved once the page's start-up (here: the map's first view) is over.
	await expect.poll(() => page.evaluate(countSavedPlaces)).toBeGreaterThan(30);
	await context.setOffline(true);
	const cold = await context.newPage();
	await cold.goto('/?c=shelter');
	await waitForApp(cold);
	const map = cold.getByTestId('place-map');
	await expect(map.locator('path.leaflet-interactive')).toHaveCount(8);
	await expect(map.locator('.district-label')).toHaveCount(8);
	await expect(map).toHaveAttribute('data-marker-count', '25');
	await expect(cold.getByTestId('offline-indicator')).toBeVisible();
	await cold.close();
});
