// The error classes a distributed result can be revived as (so `instanceof` works on the submitting side).
import {
  CancelledError,
  TaskTimeoutError,
  WorkerCrashedError,
  BrokenExecutorError,
  TimeoutError,
  ThrownValueError,
} from '../executor/errors.js';
import type { ErrorClasses } from './codec.js';
import { UnknownTaskError, JobLostError, JobFailedError } from './errors.js';

export const errorClasses = {
  CancelledError,
  TaskTimeoutError,
  WorkerCrashedError,
  BrokenExecutorError,
  TimeoutError,
  ThrownValueError,
  UnknownTaskError,
  JobLostError,
  JobFailedError,
} as unknown as ErrorClasses;
