/**
 * What each computed indicator counts, in the reader's language. The words stay in the
 * computation's own file (domain/indicators/computed/<id>.ts, `definition`) on purpose: the
 * definition staff read must change with the rule it describes, in the same review, and adding
 * a computed indicator touches that one file (docs/plan-pack.md). The domain never picks a
 * language; this module does, at the edge.
 */
import type { Computation } from '#lib/domain/indicators/computations.js';
import { REGISTRY } from '#lib/domain/indicators/computed/index.js';
import type { Lang } from './locales';

const definitions = (lang: Lang) =>
	Object.fromEntries(REGISTRY.map((c) => [c.id, c.definition[lang]])) as Record<
		Computation,
		string
	>;

export const COMPUTATION_DEFINITIONS: Record<Lang, Record<Computation, string>> = {
	ja: definitions('ja'),
	en: definitions('en')
};
