import { createRequire } from 'node:module';

/**
 * Refuses passwords an attacker tries first. The list is zxcvbn-ts's
 * `passwords-common` (@zxcvbn-ts/language-common, MIT): about 49,000
 * passwords ranked by how often they appear in breach corpora, maintained
 * with zxcvbn-ts. Loaded once, on the first check (sign-up only).
 */

let common: ReadonlySet<string> | null = null;

function commonPasswords(): ReadonlySet<string> {
  if (!common) {
    // The package is CommonJS data; require keeps its 1 MB out of start-up until needed.
    const require = createRequire(import.meta.url);
    const { dictionary } = require('@zxcvbn-ts/language-common') as {
      dictionary: Record<string, string[]>;
    };
    common = new Set(dictionary['passwords-common'] ?? []);
  }
  return common;
}

/** Why a password is refused, or null when it is acceptable. */
export type WeakPassword = 'common' | 'repetitive' | null;

/** Fewest distinct characters a password must have (twelve spaces, `aaaa…`, `abab…` have fewer). */
const MIN_DISTINCT = 5;

/**
 * Checks a password against the common list (case-insensitive, also with
 * spaces removed) and for too little variety.
 *
 * @example weakPassword('password1234') // 'common'
 */
export function weakPassword(password: string): WeakPassword {
  if (new Set(password).size < MIN_DISTINCT || password.trim() === '') return 'repetitive';
  const lower = password.toLowerCase();
  const list = commonPasswords();
  if (list.has(lower) || list.has(lower.replace(/\s+/g, ''))) return 'common';
  return null;
}
