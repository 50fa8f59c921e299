// The dispatch benchmark's tiny task for piscina and tinypool (a default export).
export default function inc(x: number): number {
  return x + 1;
}
