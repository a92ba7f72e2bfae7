import { createHash, randomBytes } from 'node:crypto';

/**
 * SHA-256 hex of a secret token. Only this is stored (sessions, invites), so
 * a leaked table yields no usable cookie or invite link. A fast hash is right
 * here: the tokens carry ≥ 160 random bits, so there is nothing to brute-force.
 */
export function sha256Hex(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A URL-safe random token with `bytes` bytes of entropy (default 32). */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}
