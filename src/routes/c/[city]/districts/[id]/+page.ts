import { load as districtLoad } from '../../../../districts/[id]/+page';
import type { PageLoad } from './$types';

export const load = ((event) =>
	districtLoad(event as unknown as Parameters<typeof districtLoad>[0])) satisfies PageLoad;
