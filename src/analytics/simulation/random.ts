/**
 * Random draws for the Monte Carlo runs, from the seeded sfc32 of src/domain: the same seed
 * gives the same numbers on every platform; each run draws from its own stream, so run r is
 * the same whatever the number of runs.
 */

import { sfc32 } from "../../domain/sfc32.ts";

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
  const uint32 = sfc32(seed, stream);
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
