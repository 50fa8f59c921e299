// Strategy ids of the peers: tools a user would pick instead of multicore, not backends 'auto' can choose.
export const PEER_IDS: readonly string[] = ['numpy', 'primesieve', 'piscina', 'tinypool', 'workerpool'];
