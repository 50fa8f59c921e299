// Imports bullmq / ioredis after checking they are installed (see peers.ts). Kept apart from peers.ts so
// that the public type declarations never mention either package.
import { assertPeers } from './peers.js';

export async function importBullmq(what: string): Promise<typeof import('bullmq')> {
  assertPeers(what);
  return import('bullmq');
}

export async function importIoredis(what: string): Promise<{ Redis: typeof import('ioredis').Redis }> {
  assertPeers(what);
  return import('ioredis') as unknown as { Redis: typeof import('ioredis').Redis };
}
