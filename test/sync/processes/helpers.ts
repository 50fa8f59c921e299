// Shared by the cross-process tests: whether this machine can share memory between processes
// (the C++ addon is built), and the names of this process tree's segments in /dev/shm.
import { readdirSync } from 'node:fs';
import { info } from '@multicore-js/multicore';
import { isCI } from '../../helpers/ci.js';

const cpp = info().backends.cpp;
/** Skip reason when the C++ addon (which maps the segments) is unavailable; under CI it must be there. */
export const NO_SHM: string | false = cpp.available ? false : `needs the C++ addon: ${cpp.reason ?? 'unavailable'}`;
if (NO_SHM && isCI) throw new Error(`CI: ${NO_SHM}`);

/** Segment names in /dev/shm created by process `pid` (multicore's naming: mc<pid>_...). */
export function segmentsOf(pid: number): string[] {
  try {
    return readdirSync('/dev/shm').filter((n) => n.startsWith(`mc${pid}_`));
  } catch {
    return [];
  }
}
