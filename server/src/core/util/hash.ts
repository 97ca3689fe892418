// A fast non-cryptographic content hash used to key per-file facts caches.

/** 53-bit FNV-1a-style hash of a string, as a base-36 string with the length appended. */
export function contentHash(text: string): string {
  // Both start as 32-bit integers (0x811c9dc5 alone is a double): a type change in the loop costs a deoptimisation.
  let h1 = 0x811c9dc5 | 0;
  let h2 = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
  }
  return `${(h1 >>> 0).toString(36)}${(h2 >>> 0).toString(36)}-${text.length.toString(36)}`;
}
