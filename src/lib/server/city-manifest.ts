/**
 * The web app manifest of a city other than the default one. The default city keeps
 * static/manifest.webmanifest (its install, id and shortcuts exactly as before). Another city's
 * app is its own app: its own `id` and `start_url` (`/c/<city>`, so the installed icon opens
 * that city), its name from its pack; `scope` stays the whole origin, because a city's pages
 * lead to `/places/<id>`, `/work` and `/login`, which are shared by every city. The icons are
 * the app's; the screenshots show Tsurugashima, so they are left out.
 */
import { hasDistricts, districtLevelName, type PlacePack } from '#lib/domain/model.js';

type Text = (
	key:
		| 'manifest.name'
		| 'manifest.shortName'
		| 'manifest.description'
		| 'manifest.salons'
		| 'manifest.salonsShort'
		| 'manifest.shelters'
		| 'manifest.sheltersShort'
		| 'manifest.districts'
		| 'manifest.districtsShort',
	params?: Record<string, string>
) => string;

const ICON_192 = { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' };

export function cityManifest(
	pack: Pick<PlacePack, 'id' | 'municipality' | 'districtLevel' | 'districts'>,
	t: Text
) {
	const base = `/c/${encodeURIComponent(pack.id)}`;
	const city = pack.municipality;
	const shortcut = (name: string, short: string, url: string) => ({
		name,
		short_name: short,
		url,
		icons: [ICON_192]
	});
	return {
		name: t('manifest.name', { city }),
		short_name: t('manifest.shortName', { city }),
		description: t('manifest.description', { city }),
		lang: 'ja',
		dir: 'ltr',
		id: `${base}/`,
		start_url: base,
		scope: '/',
		display: 'standalone',
		orientation: 'any',
		theme_color: '#0b57d0',
		background_color: '#ffffff',
		categories: ['lifestyle', 'navigation', 'social'],
		icons: [
			{ ...ICON_192, purpose: 'any' },
			{ src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
			{
				src: '/icons/icon-maskable-512.png',
				sizes: '512x512',
				type: 'image/png',
				purpose: 'maskable'
			}
		],
		shortcuts: [
			shortcut(t('manifest.salons'), t('manifest.salonsShort'), `${base}?c=salon`),
			shortcut(t('manifest.shelters'), t('manifest.sheltersShort'), `${base}?c=shelter`),
			...(hasDistricts(pack)
				? [
						shortcut(
							t('manifest.districts', { level: districtLevelName(pack, 'ja') }),
							t('manifest.districtsShort'),
							`${base}/districts`
						)
					]
				: [])
		]
	};
}
