/**
 * Every resident key, start-up and page strings alike, in the catalogs' order: for the catalog
 * tests and the reviewers' side-by-side table (scripts/catalog.ts). Not for the app, which would
 * bring the page strings into its start-up code.
 */
import { residentJa, type ResidentKey } from './messages';
import { residentPagesJa } from './resident-pages-ja';

const ALL = { ...residentJa, ...residentPagesJa };

export const residentKeys = (): ResidentKey[] => Object.keys(ALL) as ResidentKey[];
export const isResidentKey = (key: string): key is ResidentKey => Object.hasOwn(ALL, key);
