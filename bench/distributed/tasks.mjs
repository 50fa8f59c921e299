// Tasks for the distributed benchmark.
export function noop(x) {
  return x;
}
