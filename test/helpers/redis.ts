// A Redis database of the test's own on the local server, emptied first (never database 0, which others may use).
// Without Redis the test is skipped with a message, unless STORE_TESTS_REQUIRED=1 (CI), where it fails.
import { createClient } from '@keyv/redis';

export const redisDb = (db: number): string => `${(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379').replace(/\/\d*$/, '')}/${db}`;

export async function freshRedis(url: string): Promise<boolean> {
  try {
    const client = createClient({ url });
    await client.connect();
    await client.flushDb();
    await client.quit();
    return true;
  } catch (err) {
    if (process.env.STORE_TESTS_REQUIRED === '1') throw err;
    console.warn(`skipping: no Redis at ${url}`);
    return false;
  }
}
