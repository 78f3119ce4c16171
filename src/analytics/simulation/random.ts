/**
 * A seeded pseudo-random generator for the Monte Carlo runs: sfc32 (Chris Doty-Humphrey's
 * small fast chaotic generator), seeded through splitmix32. The same seed gives the same
 * numbers on every platform; each run draws from its own stream, so run r is the same
 * whatever the number of runs.
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

export interface Random {
  /** Uniform on the open interval (0, 1). */
  next(): number;
  /** Exponential with the given rate (mean 1 / rate). */
  exponential(rate: number): number;
  /** A whole number uniform on 0 … n − 1. */
  below(n: number): number;
  /** Poisson with the given mean (counting unit-rate arrivals: fine for small means). */
  poisson(mean: number): number;
}

export function seededRandom(seed: number, stream = 0): Random {
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
  const next = () => (uint32() + 0.5) / 4294967296;
  return {
    next,
    exponential: (rate) => -Math.log(next()) / rate,
    below: (n) => Math.floor(next() * n),
    poisson(mean) {
      if (!(mean > 0)) return 0;
      let count = 0;
      let time = -Math.log(next());
      while (time < mean) {
        count++;
        time -= Math.log(next());
      }
      return count;
    },
  };
}
