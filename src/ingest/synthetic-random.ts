/**
 * Random draws for the synthetic registry, from the seeded sfc32 of src/domain: the same
 * seed gives the same registry on every platform and Node version.
 */

import { sfc32 } from "../domain/sfc32.ts";

export class Rng {
  /** The stream's next unsigned 32-bit integer. */
  readonly uint32: () => number;

  /** `stream` separates independent sequences drawn from one seed (e.g. one per person). */
  constructor(seed: number, stream = 0) {
    this.uint32 = sfc32(seed, stream);
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.uint32() / 4_294_967_296;
  }

  /** Uniform integer in [lo, hi], both included. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Picks an item of `[item, weight]` pairs in proportion to its weight. */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, weight] of items) total += weight;
    let u = this.next() * total;
    for (const [item, weight] of items) {
      u -= weight;
      if (u < 0) return item;
    }
    return (items[items.length - 1] as readonly [T, number])[0];
  }

  /** Poisson-distributed count; a normal approximation above λ = 30 keeps large runs fast. */
  poisson(lambda: number): number {
    if (lambda <= 0) return 0;
    if (lambda > 30) {
      const u1 = this.next() || Number.MIN_VALUE;
      const gauss = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * this.next());
      return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * gauss));
    }
    const limit = Math.exp(-lambda);
    let k = 0;
    let p = this.next();
    while (p > limit) {
      k++;
      p *= this.next();
    }
    return k;
  }
}
