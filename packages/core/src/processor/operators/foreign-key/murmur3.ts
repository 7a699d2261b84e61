// MurmurHash3 x64 128-bit, as Kafka Streams' `Murmur3.hash128` computes it (seed 104729): the hash a foreign-key
// join's subscriptions and responses carry of the left row's serialized value. Same bytes in, same 16 bytes out
// (h1 then h2, each big-endian, the order SubscriptionWrapper writes them), so our records and Java's agree.
//
// 64-bit words are pairs of unsigned 32-bit halves (BigInt arithmetic was ~20 times slower); `r` holds the
// result of the last operation, so nothing is allocated per block.

/** The result of the last 64-bit operation: [high 32 bits, low 32 bits]. */
const r = new Uint32Array(2);

/** r = a * b mod 2^64. */
function mul(aHi: number, aLo: number, bHi: number, bLo: number): void {
  const a0 = aLo & 0xffff;
  const a1 = aLo >>> 16;
  const b0 = bLo & 0xffff;
  const b1 = bLo >>> 16;
  const p00 = a0 * b0;
  const p01 = a0 * b1;
  const p10 = a1 * b0;
  const mid = (p00 >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
  r[1] = ((mid & 0xffff) << 16) | (p00 & 0xffff);
  r[0] = a1 * b1 + (p01 >>> 16) + (p10 >>> 16) + (mid >>> 16) + Math.imul(aLo, bHi) + Math.imul(aHi, bLo);
}

/** r = rotl(x, n), 0 < n < 64, n ≠ 32. */
function rotl(hi: number, lo: number, n: number): void {
  if (n > 32) {
    const t = hi;
    hi = lo;
    lo = t;
    n -= 32;
  }
  r[0] = (hi << n) | (lo >>> (32 - n));
  r[1] = (lo << n) | (hi >>> (32 - n));
}

/** r = a + b mod 2^64. */
function add(aHi: number, aLo: number, bHi: number, bLo: number): void {
  const lo = aLo + bLo;
  r[1] = lo;
  r[0] = aHi + bHi + (lo > 0xffffffff ? 1 : 0);
}

/** r = fmix64(x). */
function fmix(hi: number, lo: number): void {
  lo = (lo ^ (hi >>> 1)) >>> 0;
  mul(hi, lo, 0xff51afd7, 0xed558ccd);
  hi = r[0]!;
  lo = (r[1]! ^ (hi >>> 1)) >>> 0;
  mul(hi, lo, 0xc4ceb9fe, 0x1a85ec53);
  r[1] = r[1]! ^ (r[0]! >>> 1);
}

/** r = k1 mixed (k *= C1; k = rotl(k, 31); k *= C2). */
function mixK1(hi: number, lo: number): void {
  mul(hi, lo, 0x87c37b91, 0x114253d5);
  rotl(r[0]!, r[1]!, 31);
  mul(r[0]!, r[1]!, 0x4cf5ad43, 0x2745937f);
}

/** r = k2 mixed (k *= C2; k = rotl(k, 33); k *= C1). */
function mixK2(hi: number, lo: number): void {
  mul(hi, lo, 0x4cf5ad43, 0x2745937f);
  rotl(r[0]!, r[1]!, 33);
  mul(r[0]!, r[1]!, 0x87c37b91, 0x114253d5);
}

/** The little-endian 32-bit word of `data` at `at`, from `length` (0..4) bytes. */
function le32(data: Uint8Array, at: number, length: number): number {
  let w = 0;
  for (let i = Math.min(length, 4) - 1; i >= 0; i--) w = w * 256 + data[at + i]!;
  return w;
}

/** Kafka Streams' `Murmur3.hash128(data)`, as 16 bytes: `hash[0]` then `hash[1]`, big-endian. */
export function murmur3Hash128(data: Uint8Array): Uint8Array {
  const length = data.length;
  const blocks = length >> 4;
  let h1Hi = 0;
  let h1Lo = 104729;
  let h2Hi = 0;
  let h2Lo = 104729;
  for (let i = 0; i < blocks; i++) {
    const at = i << 4;
    mixK1(le32(data, at + 4, 4), le32(data, at, 4));
    h1Hi = (h1Hi ^ r[0]!) >>> 0;
    h1Lo = (h1Lo ^ r[1]!) >>> 0;
    rotl(h1Hi, h1Lo, 27);
    add(r[0]!, r[1]!, h2Hi, h2Lo);
    mul(r[0]!, r[1]!, 0, 5);
    add(r[0]!, r[1]!, 0, 0x52dce729);
    h1Hi = r[0]!;
    h1Lo = r[1]!;
    mixK2(le32(data, at + 12, 4), le32(data, at + 8, 4));
    h2Hi = (h2Hi ^ r[0]!) >>> 0;
    h2Lo = (h2Lo ^ r[1]!) >>> 0;
    rotl(h2Hi, h2Lo, 31);
    add(r[0]!, r[1]!, h1Hi, h1Lo);
    mul(r[0]!, r[1]!, 0, 5);
    add(r[0]!, r[1]!, 0, 0x38495ab5);
    h2Hi = r[0]!;
    h2Lo = r[1]!;
  }
  const tail = blocks << 4;
  const rest = length - tail;
  if (rest > 8) {
    mixK2(le32(data, tail + 12, rest - 12), le32(data, tail + 8, rest - 8));
    h2Hi = (h2Hi ^ r[0]!) >>> 0;
    h2Lo = (h2Lo ^ r[1]!) >>> 0;
  }
  if (rest > 0) {
    mixK1(le32(data, tail + 4, rest - 4), le32(data, tail, rest));
    h1Hi = (h1Hi ^ r[0]!) >>> 0;
    h1Lo = (h1Lo ^ r[1]!) >>> 0;
  }
  // Java xors the int length into the long: lengths are below 2^31, so only the low half changes.
  h1Lo = (h1Lo ^ length) >>> 0;
  h2Lo = (h2Lo ^ length) >>> 0;
  add(h1Hi, h1Lo, h2Hi, h2Lo);
  h1Hi = r[0]!;
  h1Lo = r[1]!;
  add(h2Hi, h2Lo, h1Hi, h1Lo);
  h2Hi = r[0]!;
  h2Lo = r[1]!;
  fmix(h1Hi, h1Lo);
  h1Hi = r[0]!;
  h1Lo = r[1]!;
  fmix(h2Hi, h2Lo);
  h2Hi = r[0]!;
  h2Lo = r[1]!;
  add(h1Hi, h1Lo, h2Hi, h2Lo);
  h1Hi = r[0]!;
  h1Lo = r[1]!;
  add(h2Hi, h2Lo, h1Hi, h1Lo);
  const out = new Uint8Array(16);
  const view = new DataView(out.buffer);
  view.setUint32(0, h1Hi);
  view.setUint32(4, h1Lo);
  view.setUint32(8, r[0]!);
  view.setUint32(12, r[1]!);
  return out;
}
