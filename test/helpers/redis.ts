// The private redis-server of the distributed tests (src/distributed/redis-server.ts). Without
// redis-server on PATH the distributed tests skip with an install hint; under CI=true a missing
// redis-server fails instead.
import { redisUnavailable } from '../../src/distributed/redis-server.js';
import { isCI } from './ci.js';

export { RedisServer, redisUnavailable, type RedisServerOptions } from '../../src/distributed/redis-server.js';

export { isCI };

/**
 * The `skip` option for a distributed test: a message when redis-server is missing (locally), false when it
 * is present. Under CI=true a missing redis-server throws, so the test file fails rather than skipping.
 */
export function skipWithoutRedis(): string | false {
  const why = redisUnavailable();
  if (!why) return false;
  const message = `${why}: install it to run the distributed tests`;
  if (isCI) throw new Error(`CI=true but ${message}`);
  console.log(`# skipped: ${message}`);
  return message;
}
