import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import { loadConfig } from '@sveltejs/load-config';

const svelteConfig = (await loadConfig('./', { traverse: false }))?.config;

const NOT_DEXIE = [{ name: 'dexie', message: 'Dexie lives in src/lib/client/db only' }];
const NOT_LEAFLET = [{ name: 'leaflet', message: 'Leaflet lives in src/lib/map only' }];
/** Imports that speak SQL: only src/lib/server may. */
const SQL_OUTSIDE_SERVER = [
	{ group: ['pg', '@electric-sql/*'], message: 'only src/lib/server touches SQL' }
];

const DEXIE_MESSAGE =
	'only src/lib/client/db touches Dexie: call a function of client/db (this-device.ts)';
const SQL_MESSAGE = 'only src/lib/server touches SQL: call a repository function';
/** What touches a database directly, outside src/lib/client/db and src/lib/server. */
const PERSISTENCE_OUTSIDE_STORES = [
	{ selector: "Identifier[name='clientDb']", message: DEXIE_MESSAGE },
	{ selector: "Identifier[name='liveQuery']", message: DEXIE_MESSAGE },
	{
		// Dexie's table and collection queries (a Map's or an array's methods are named otherwise).
		selector:
			'CallExpression[callee.property.name=/^(where|toArray|orderBy|bulkGet|bulkPut|bulkAdd|bulkDelete|modify|toCollection)$/]',
		message: DEXIE_MESSAGE
	},
	{
		// A live query's subscription: follow*() of client/db gives a stop function instead.
		selector: "CallExpression[callee.property.type='Identifier'][callee.property.name='subscribe']",
		message: DEXIE_MESSAGE
	},
	{
		selector:
			'ImportExpression[source.value=/client\\/db\\/(ibasho-db|record-queries|pack-store|session-reminders|paperwork-store|device-state|plan-cache|computed-cache|sync-store)/]',
		message: DEXIE_MESSAGE
	},
	{
		selector:
			'CallExpression[callee.property.name=/^(query|exec)$/][arguments.0.type=/^(Literal|TemplateLiteral)$/]',
		message: SQL_MESSAGE
	}
];

export default ts.config(
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			'no-undef': 'off',
			// `_name` marks a binding left out on purpose (e.g. dropping a field by destructuring).
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }
			],
			// The app is served at the origin's root (adapter-node, no paths.base), so plain
			// hrefs are exact; resolve() would only add noise to every link.
			'svelte/no-navigation-without-resolve': 'off'
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	},
	{
		// The domain core is framework-free: it must run in node, the browser and the service worker.
		files: ['src/lib/domain/**'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: ['svelte', 'svelte/*', '$app/*', '$env/*'],
							message: 'domain is framework-free'
						},
						{
							group: ['dexie', 'leaflet', 'leaflet/*'],
							message: 'domain is storage- and map-free'
						},
						{
							group: ['#lib/server/*', '**/server/**', '#lib/client/*', '**/client/**'],
							message: 'domain depends on nothing above it'
						},
						{ group: ['@electric-sql/*', 'pg'], message: 'only src/lib/server touches SQL' }
					]
				}
			]
		}
	},
	{
		// Only the client store touches Dexie; only map components touch Leaflet; only the server's
		// database layer speaks to the database.
		files: ['src/**'],
		ignores: ['src/lib/client/db/**', 'src/lib/map/**', 'src/lib/domain/**', 'src/lib/server/**'],
		rules: {
			'no-restricted-imports': [
				'error',
				{ paths: [...NOT_DEXIE, ...NOT_LEAFLET], patterns: SQL_OUTSIDE_SERVER }
			]
		}
	},
	{
		files: ['src/lib/server/**'],
		rules: { 'no-restricted-imports': ['error', { paths: [...NOT_DEXIE, ...NOT_LEAFLET] }] }
	},
	{
		files: ['src/lib/client/db/**'],
		rules: {
			'no-restricted-imports': ['error', { paths: NOT_LEAFLET, patterns: SQL_OUTSIDE_SERVER }]
		}
	},
	{
		files: ['src/lib/map/**'],
		rules: {
			'no-restricted-imports': ['error', { paths: NOT_DEXIE, patterns: SQL_OUTSIDE_SERVER }]
		}
	},
	{
		// Persistence stays behind its modules: pages, components and the client's services call
		// functions of src/lib/client/db (this-device.ts binds them to the app's database) and of
		// src/lib/server, never the database handle, a table query or a live query's subscription.
		files: ['src/routes/**', 'src/lib/components/**', 'src/lib/client/**', 'src/hooks*'],
		ignores: ['src/lib/client/db/**'],
		rules: { 'no-restricted-syntax': ['error', ...PERSISTENCE_OUTSIDE_STORES] }
	},
	{
		ignores: [
			'build/',
			'.builds/',
			'.svelte-kit/',
			'node_modules/',
			'test-results/',
			'playwright-report/',
			'packs/*/source/'
		]
	}
);
