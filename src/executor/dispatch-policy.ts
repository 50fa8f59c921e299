// The dispatch policy: which ready worker gets how many queued tasks. Two knobs live here:
// - the pipeline depth (`pipelineDepth`): how many tasks one worker may hold at once, learned from
//   the tasks' average run time: deep for tiny tasks (so a worker never waits for the main thread),
//   one for long ones (so they never queue behind each other in a busy worker while another idles);
// - the batch size (`MAX_BATCH`): the most tasks sent to a worker in one message.
// And the rule for when pipelining applies at all (see assign). README.md "Queue and dispatch".
import type { Slot } from './slot.js';

/** The most tasks sent to one worker in one RUN message. */
export const MAX_BATCH = 64;

/** How many tasks a worker may hold at once (its pipeline depth), from the tasks' average run time in
 *  ms (negative: none measured yet). 128 for tiny tasks: two batches in flight. */
export function pipelineDepth(avgRunMs: number): number {
  if (avgRunMs < 0 || avgRunMs > 2) return 1;
  if (avgRunMs > 0.5) return 4;
  if (avgRunMs > 0.05) return 16;
  return 2 * MAX_BATCH;
}

/** Stall detection: a worker whose current task began before this (performance.now() scale) runs
 *  much longer than usual, and gets nothing more behind it. */
export function stallCutoff(now: number, avgRunMs: number): number {
  return now - Math.max(1, 4 * avgRunMs);
}

/** What assign() reads from the pool (live: `waiting` drops as tasks are sent). */
export interface DispatchHost {
  readonly slots: Iterable<Slot>;
  /** Tasks in the queue. */
  readonly waiting: number;
  /** Workers starting (not ready yet). */
  readonly starting: number;
  /** Workers that could still be started (maxWorkers minus those alive; 0 when broken). */
  readonly canStart: number;
  readonly avgRunMs: number;
  readonly maxTasksPerWorker: number;
  /** Sends up to `n` queued tasks to `s` in one message. */
  send(s: Slot, n: number): void;
}

/**
 * Hands queued tasks to ready workers. Pipelining (more than one task in a worker) applies only when
 * no other worker could take them: a task is never put behind a busy worker, nor a second task behind
 * an idle worker's first, while a worker is starting or another could be started (maxWorkers) for it.
 * Tasks that wait for each other (Barrier, Event, Queue) then each get a worker, up to maxWorkers.
 */
export function assign(host: DispatchHost): void {
  if (host.waiting === 0) return;
  const limit = pipelineDepth(host.avgRunMs);
  const stallAt = stallCutoff(performance.now(), host.avgRunMs);
  const open = (s: Slot): boolean =>
    s.ready && !s.retiring && (s.inFlight === 0 || (s.inFlight < limit && (s.running()?.since ?? Infinity) > stallAt));
  const canStart = host.canStart;
  // idle workers first; a busy worker gets more behind its task only when every worker there can be is up
  for (const pass of [0, 1]) {
    if (host.waiting === 0 || (pass === 1 && (host.starting > 0 || canStart > 0))) break;
    let eligible = 0;
    for (const s of host.slots) if (open(s) && (pass === 1 || s.inFlight === 0)) eligible++;
    if (eligible === 0) continue;
    const share = Math.ceil(host.waiting / (eligible + host.starting + canStart));
    for (const s of host.slots) {
      if (host.waiting === 0) break;
      if (!open(s) || (pass === 0 && s.inFlight > 0)) continue;
      let n = Math.min(share, limit - s.inFlight, MAX_BATCH);
      if (host.maxTasksPerWorker !== Infinity) n = Math.min(n, host.maxTasksPerWorker - s.sent);
      if (n > 0) host.send(s, n);
    }
  }
}
