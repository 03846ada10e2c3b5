import { load as printLoad } from '../../../../../districts/[id]/print/+page';
import type { PageLoad } from './$types';

export const load = ((event) =>
	printLoad(event as unknown as Parameters<typeof printLoad>[0])) satisfies PageLoad;
