// The kernels 'auto' chooses for, and what a probe is (the tables are in auto-probes.ts). Apart from
// the probes so that auto.ts needs no import of the kernels themselves (no import cycle).
import type { Backend } from './options.js';

export type Concrete = Exclude<Backend, 'auto'>;

/** The kernels 'auto' chooses for (the sync variants choose among backends with a sync form). */
export type AutoKernel =
  | 'sumSquares'
  | 'square'
  | 'countPrimes'
  | 'mandelbrot'
  | 'monteCarloPi'
  | 'matmul'
  | 'sort'
  | 'sumSquaresSync'
  | 'squareSync';
export type SyncKernel = Extract<AutoKernel, `${string}Sync`>;
export type AsyncKernel = Exclude<AutoKernel, SyncKernel>;
export const ASYNC_KERNELS: readonly AsyncKernel[] = [
  'sumSquares',
  'square',
  'countPrimes',
  'mandelbrot',
  'monteCarloPi',
  'matmul',
  'sort',
];
export const SYNC_KERNELS: readonly SyncKernel[] = ['sumSquaresSync', 'squareSync'];

export interface Probe<R> {
  /** What one unit of work is, for the reason text. */
  unit: string;
  /**
   * Work is measured in size classes of powers of 4, from 4^minClass to 4^maxClass: a call smaller
   * than the first is measured at the first; one larger than the last at the last (there the
   * per-call costs are a few percent of the time, so the ranking no longer changes with size).
   * JS and 'workers' are measured at no more than 4^jsMaxClass and their time scaled up by
   * cost(work) / cost(jsWork): plain JS does no more per unit on a bigger input (measuring it at
   * full size would cost tens of ms).
   */
  minClass: number;
  maxClass: number;
  jsMaxClass: number;
  /** How the time grows with the work: linear unless given (sort: n·log n). */
  cost?(work: number): number;
  /** Builds an input of about `work` units; returns a function that runs it once on a backend. */
  make(work: number): (backend: Concrete, threads: number) => R;
}
