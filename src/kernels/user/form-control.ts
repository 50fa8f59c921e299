// A FormRequest's signal and onProgress, in the shape withControl (../control.ts) takes.
import type { ResolvedOptions } from '../options.js';
import type { FormRequest } from './types.js';

export function controlOptions(req: FormRequest): ResolvedOptions {
  // backend is not read by withControl; 'js' only fills the field.
  return { backend: 'js', threads: req.threads, signal: req.signal, onProgress: req.onProgress };
}
