/**
 * The seeded generator behind every random draw (the synthetic registry, the Monte Carlo
 * runs): sfc32 (Chris Doty-Humphrey's small fast chaotic generator) seeded through
 * splitmix32, so that the same seed gives the same numbers on every platform and Node
 * version. `stream` separates independent sequences drawn from one seed.
 */

function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** A function giving the stream's next unsigned 32-bit integer. */
export function sfc32(seed: number, stream = 0): () => number {
  const mix = splitmix32((seed >>> 0) ^ Math.imul(stream + 1, 0x27d4eb2f));
  let a = mix();
  let b = mix();
  let c = mix();
  let d = mix() | 1;
  const uint32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) uint32();
  return uint32;
}
