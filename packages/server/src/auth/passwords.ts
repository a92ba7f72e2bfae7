import { hash, verify, type Algorithm } from '@node-rs/argon2';

/** Hashes and checks passwords; injected so tests may use cheaper parameters. */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  /** False on mismatch and on a malformed hash; never throws for bad input. */
  verify(hash: string, password: string): Promise<boolean>;
}

/** argon2id cost parameters. */
export interface Argon2Params {
  /** KiB of memory. */
  memoryCost: number;
  timeCost: number;
  parallelism: number;
}

/** OWASP's argon2id recommendation (m = 19 MiB, t = 2, p = 1): production. */
export const OWASP_ARGON2: Argon2Params = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/** Password length bounds: long enough to resist guessing, short enough to bound hashing cost. */
export const PASSWORD_MIN = 12;
/** See {@link PASSWORD_MIN}. */
export const PASSWORD_MAX = 256;

/** An argon2id {@link PasswordHasher}; defaults to {@link OWASP_ARGON2}. */
export function createArgon2Hasher(params: Argon2Params = OWASP_ARGON2): PasswordHasher {
  // `Algorithm` is an ambient const enum, which verbatimModuleSyntax cannot
  // read as a value; 2 is its `Argon2id` member.
  const options = { algorithm: 2 as Algorithm.Argon2id, ...params };
  return {
    hash: (password) => hash(password, options),
    async verify(stored, password) {
      try {
        return await verify(stored, password);
      } catch {
        // A corrupt stored hash must deny, not crash the login route.
        return false;
      }
    },
  };
}

/**
 * Verifies `password` against a throwaway hash made with the same hasher, so
 * that a login for an unknown e-mail costs as long as one for a known e-mail
 * (no user enumeration by timing). The hash is made once, lazily.
 */
export function createDummyVerifier(hasher: PasswordHasher): (password: string) => Promise<void> {
  let dummy: Promise<string> | null = null;
  return async (password) => {
    dummy ??= hasher.hash('kenes-dummy-password-for-timing');
    await hasher.verify(await dummy, password);
  };
}
