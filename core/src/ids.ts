/**
 * UUIDv7 ids: made where the entity is born (shared/docs/sync.md), sortable by creation time.
 * `now` is passed in so callers control the clock; randomness comes from Web Crypto (Node and browsers),
 * drawn in blocks because one getRandomValues call per id cost more than the rest of an issue.
 */
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const POOL = new Uint8Array(16 * 256);
let poolPos = POOL.length;

export function uuidv7(now: number): string {
  if (poolPos + 10 > POOL.length) {
    globalThis.crypto.getRandomValues(POOL);
    poolPos = 0;
  }
  const b = new Uint8Array(16);
  let ms = Math.max(0, Math.floor(now));
  for (let i = 5; i >= 0; i--) {
    b[i] = ms % 256;
    ms = Math.floor(ms / 256);
  }
  b.set(POOL.subarray(poolPos, poolPos + 10), 6);
  poolPos += 10;
  b[6] = (b[6]! & 0x0f) | 0x70;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = (i: number) => HEX[b[i]!]!;
  return (
    h(0) + h(1) + h(2) + h(3) + '-' + h(4) + h(5) + '-' + h(6) + h(7) + '-' + h(8) + h(9) + '-' +
    h(10) + h(11) + h(12) + h(13) + h(14) + h(15)
  );
}
