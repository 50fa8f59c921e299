// The version in this package's package.json (two levels up from src/util or dist/util).
import { readFileSync } from 'node:fs';

export const packageVersion: string = (() => {
  try {
    return JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version as string;
  } catch {
    return 'unknown';
  }
})();
