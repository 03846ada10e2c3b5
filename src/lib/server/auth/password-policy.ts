/**
 * Which passwords may be set (by `npm run user`, POST /api/admin/accounts and
 * BOOTSTRAP_ADMIN_PASSWORD): at least 10 characters, and none an attacker tries first —
 * the commonest passwords (also under added digits or look-alike symbols, "P@ssw0rd2024"),
 * passwords built from the account's email, and trivial ones (one character repeated, a
 * short block typed again, runs along the alphabet, the digits or a keyboard row).
 *
 * Why a list and three rules, not a strength score (zxcvbn): these are the checks NIST SP
 * 800-63B asks of a verifier, each refusal can be told plainly in Japanese, and the sign-in
 * brakes (5 tries per email per 15 minutes) make online guessing past the top of the list
 * hopeless. The list is a 95 KB data file (common-passwords.ts) instead of a dictionary
 * engine with megabytes of word lists in the server.
 */
import { workEn, workJa } from '#lib/i18n/work-messages.js';
import { COMMON_PASSWORDS } from './common-passwords';

export const MIN_PASSWORD_LENGTH = 10;

export const PASSWORD_RULES = ['too_short', 'common', 'email', 'trivial'] as const;
export type PasswordRule = (typeof PASSWORD_RULES)[number];

/** Thrown by the account repository for a password the policy refuses. */
export class WeakPasswordError extends Error {
	constructor(readonly rule: PasswordRule) {
		super(describePasswordRule(rule));
	}
}

let common: Set<string> | null = null;
const commonSet = () => (common ??= new Set(COMMON_PASSWORDS.map((p) => p.toLowerCase())));

// Look-alike symbols people swap in for letters ("p@ssw0rd").
const LOOK_ALIKES: Record<string, string> = {
	'0': 'o',
	'1': 'i',
	'3': 'e',
	'4': 'a',
	'5': 's',
	'7': 't',
	'@': 'a',
	$: 's',
	'!': 'i'
};

/** The rule `password` breaks for an account with `email`, or null if it may be set. */
export function passwordProblem(password: string, email: string): PasswordRule | null {
	if ([...password].length < MIN_PASSWORD_LENGTH) return 'too_short';
	const lower = password.toLowerCase();
	if (isEmailBased(lower, email.trim().toLowerCase())) return 'email';
	// Trivial before common: "1234567890" and "qwertyuiop" are both, and the run is the clearer reason.
	if (isTrivial(lower)) return 'trivial';
	if (isCommon(lower)) return 'common';
	return null;
}

/** The rule's message, Japanese then English, for the terminal and the server log. */
export function describePasswordRule(rule: PasswordRule): string {
	const key = `password.rule.${rule}` as const;
	const fill = (text: string) => text.replace('{min}', String(MIN_PASSWORD_LENGTH));
	return `${fill(workJa[key])} / ${fill(workEn[key])}`;
}

function isCommon(lower: string): boolean {
	const list = commonSet();
	if (list.has(lower)) return true;
	// The word under digits and symbols added around it: "dragon2024", "2024dragon!".
	const word = lower.replace(/^[^a-z]+/, '').replace(/[^a-z]+$/, '');
	if (word.length < 4) return false;
	if (list.has(word)) return true;
	const unswapped = [...lower].map((c) => LOOK_ALIKES[c] ?? c).join('');
	const core = unswapped.replace(/^[^a-z]+/, '').replace(/[^a-z]+$/, '');
	return core.length >= 4 && (list.has(unswapped) || list.has(core));
}

const alphanumeric = (s: string) => s.replace(/[^\p{L}\p{N}]/gu, '');

/**
 * The email, or its part before @, makes up the password, with no more than a few other
 * characters around it ("hanako2024" for hanako@…). A long password that merely contains a
 * short local part ("information-desk" for info@…) is not refused.
 */
function isEmailBased(lower: string, email: string): boolean {
	const pw = alphanumeric(lower);
	if (pw === alphanumeric(email)) return true;
	const local = alphanumeric(email.split('@')[0] ?? '');
	if (local.length < 3 || !pw.includes(local)) return false;
	const rest = pw.replace(local, '');
	return rest.length < 6 || /^\d+$/.test(rest) || isTrivial(rest);
}

// Runs people type: along the alphabet, the digits (0 after 9, as on the keyboard), a row.
const SEQUENCES = [
	'abcdefghijklmnopqrstuvwxyz',
	'01234567890',
	'qwertyuiop',
	'asdfghjkl',
	'zxcvbnm',
	'あいうえお'
];

const follows = (a: string, b: string) =>
	a === b || SEQUENCES.some((s) => s.includes(a + b) || s.includes(b + a));

/**
 * Few distinct characters, a short block repeated ("hellohello"), or a few runs of repeated
 * or neighbouring characters ("aaaaaaaaaa", "1234567890", "abcde12345", "qwertyasdf").
 */
function isTrivial(lower: string): boolean {
	const chars = [...lower];
	if (new Set(chars).size <= 3) return true;
	if (period(chars) * 2 <= chars.length) return true;
	let runs = 1;
	for (let i = 1; i < chars.length; i++) if (!follows(chars[i - 1]!, chars[i]!)) runs += 1;
	return runs * 4 <= chars.length;
}

/** The shortest p such that the string repeats itself every p characters. */
function period(chars: string[]): number {
	for (let p = 1; p < chars.length; p++) {
		if (chars.every((c, i) => i < p || c === chars[i - p])) return p;
	}
	return chars.length;
}
