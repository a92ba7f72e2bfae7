import type { Redis } from 'ioredis';
import type { WindowLimiter } from '../http/limits/WindowLimiter.js';

/** KEYS: the counter. ARGV: window ms, max. Returns 0 when counted within max, else the ms left. */
const TAKE = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
if n > tonumber(ARGV[2]) then
  local left = redis.call('PTTL', KEYS[1])
  if left < 1 then left = 1 end
  return left
end
return 0
`;

/**
 * A {@link WindowLimiter} in Redis, so that every process counts against one
 * budget (keys `<prefix>:<name>:<key>`, expiring with their window). Errors
 * reject: a limit that silently forgot would be no limit.
 */
export function createRedisWindowLimiter(
  redis: Redis,
  prefix: string,
  max: number,
  windowMs: number,
): WindowLimiter {
  return {
    async take(key) {
      const left = (await redis.eval(
        TAKE,
        1,
        `${prefix}:${JSON.stringify(key)}`,
        windowMs,
        max,
      )) as number;
      return left > 0 ? Math.max(1, Math.ceil(left / 1000)) : 0;
    },
  };
}
