import { load as findLoad } from '../../+page';
import type { PageLoad } from './$types';

// A city's find page is the default city's, under /c/<city>/ (the layout loads that city's pack).
export const load = ((event) =>
	findLoad(event as unknown as Parameters<typeof findLoad>[0])) satisfies PageLoad;
