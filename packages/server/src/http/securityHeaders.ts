import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

/**
 * The Content-Security-Policy of the served client, as directives. The built
 * client is same-origin scripts and stylesheets only (no inline script, no
 * eval); styles set through the DOM (React's `style` prop) are not inline
 * markup and need no allowance. The sync socket is the same origin over
 * ws(s), named explicitly since older browsers do not count it as `'self'`.
 * Embedding in any frame is refused (clickjacking): `frame-ancestors` and
 * `X-Frame-Options: DENY` for browsers without CSP 2.
 */
export function contentSecurityPolicy(publicOrigin: string): Record<string, string[]> {
  const origin = new URL(publicOrigin);
  const socket = `${origin.protocol === 'https:' ? 'wss:' : 'ws:'}//${origin.host}`;
  return {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:', 'blob:'],
    fontSrc: ["'self'", 'data:'],
    connectSrc: ["'self'", socket],
    objectSrc: ["'none'"],
    baseUri: ["'none'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
    manifestSrc: ["'self'"],
  };
}

/**
 * Security headers on every response: the CSP above, `X-Frame-Options:
 * DENY`, `X-Content-Type-Options: nosniff`, `Referrer-Policy:
 * same-origin` (invite links carry tokens in their path: never leak them to
 * other sites), HSTS when served over https, and Hono's other defaults
 * (COOP/CORP same-origin, no `X-Powered-By`).
 */
export function securityHeaders(publicOrigin: string): MiddlewareHandler {
  const https = new URL(publicOrigin).protocol === 'https:';
  return secureHeaders({
    contentSecurityPolicy: contentSecurityPolicy(publicOrigin),
    xFrameOptions: 'DENY',
    referrerPolicy: 'same-origin',
    strictTransportSecurity: https ? 'max-age=15552000; includeSubDomains' : false,
  });
}
