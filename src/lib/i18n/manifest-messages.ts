/**
 * The words of a city's web app manifest (`/c/<city>/manifest.webmanifest`): what a phone's
 * install dialog and home screen show. Japanese only, like the default city's
 * static/manifest.webmanifest (`lang: "ja"`): a manifest has one language.
 */
export const manifestJa = {
	'manifest.name': '居場所 Ibasho — {city}のつどいの場・避難所',
	'manifest.shortName': '居場所 {city}',
	'manifest.description':
		'{city}のつどいの場と避難所を、地図と一覧でさがせます。電波がなくても使えます。',
	'manifest.salons': 'サロンをさがす',
	'manifest.salonsShort': 'サロン',
	'manifest.shelters': '避難所をさがす',
	'manifest.sheltersShort': '避難所',
	'manifest.districts': '{level}から見る',
	'manifest.districtsShort': '地区'
} as const;

export type ManifestMessageKey = keyof typeof manifestJa;

/** A manifest text with its `{name}` placeholders filled. */
export function manifestText(key: ManifestMessageKey, params: Record<string, string> = {}): string {
	return manifestJa[key].replace(/\{(\w+)\}/g, (m, name: string) => params[name] ?? m);
}
