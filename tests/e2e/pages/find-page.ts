/** Page model of the resident's find page (`/`): filters, near me, results list, map. */
import type { Locator, Page } from '@playwright/test';

export class FindPage {
	constructor(readonly page: Page) {}

	async open(query = '') {
		await this.page.goto(`/${query}`);
		await this.page.locator('body[data-hydrated]').waitFor();
	}

	get results(): Locator {
		return this.page.getByRole('list', { name: /件|places/ });
	}

	/** The place names in list order (each card's heading link). */
	async resultNames(): Promise<string[]> {
		// textContent, not innerText: cards far below the fold are not laid out yet
		// (content-visibility: auto), and innerText is empty for what is not rendered.
		return this.results.getByRole('listitem').getByRole('heading').allTextContents();
	}

	category(name: string): Locator {
		return this.page.getByRole('button', { name, exact: false }).filter({ hasText: name });
	}

	get districtSelect(): Locator {
		return this.page.getByRole('combobox', { name: /^小学校区/ });
	}

	get townSelect(): Locator {
		return this.page.getByRole('combobox', { name: /^町名から選ぶ/ });
	}

	get search(): Locator {
		return this.page.getByRole('searchbox', { name: '名前・住所でさがす' });
	}

	get nearMe(): Locator {
		return this.page.getByRole('button', { name: '現在地から近い順' });
	}

	get status(): Locator {
		return this.page.locator('.near [role="status"]');
	}
}
