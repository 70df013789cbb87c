// Content keys for the result caches: two independent 32-bit string hashes plus the length, so a
// collision (which would show another input's findings) needs ~2^64 bad luck, while the key stays small
// (the serialized inputs can be megabytes: keeping them as Map keys would double the cache's memory).

function hash32(text: string, seed: number): number {
  let h = 0x811c9dc5 ^ seed;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}

function murmurish32(text: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    let k = Math.imul(text.charCodeAt(i), 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, 0x1b873593);
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  h ^= text.length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A short key for a long text: equal texts give equal keys; different texts practically never do. */
export function contentKey(text: string): string {
  return `${hash32(text, 0x9e3779b9).toString(36)}.${murmurish32(text, 0x2545f491).toString(36)}.${text.length.toString(36)}`;
}
