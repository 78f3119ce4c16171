/**
 * Two lists: Lincoln–Petersen and Chapman's bias-corrected estimator (Seber 1982, §3.1).
 * With n₁ and n₂ people on each list and m on both:
 *
 *   Lincoln–Petersen  N̂ = n₁ n₂ / m
 *   Chapman           Ñ = (n₁ + 1)(n₂ + 1) / (m + 1) − 1,
 *   Var Ñ = (n₁ + 1)(n₂ + 1)(n₁ − m)(n₂ − m) / ((m + 1)² (m + 2))   (Seber 1970)
 *
 * Seber (1982, p. 107): m = 167, n₁ − m = 781, n₂ − m = 254 give 2,389.9 and 2,382.8.
 */
import { type Interval, logNormalInterval } from "./loglinear.ts";
import { normalQuantile } from "./special.ts";

export interface TwoListCounts {
  /** On both lists. */
  both: number;
  /** On the first list only. */
  firstOnly: number;
  /** On the second list only. */
  secondOnly: number;
}

export interface ChapmanEstimate {
  estimate: number;
  standardError: number;
  /** Chao's (1987) log-normal interval, never below the documented count. */
  interval: Interval;
  /** The symmetric normal-approximation interval N ± z·se, for comparison. */
  normalInterval: Interval;
}

function checkCounts({ both, firstOnly, secondOnly }: TwoListCounts): void {
  for (const [name, value] of Object.entries({ both, firstOnly, secondOnly })) {
    if (!Number.isInteger(value) || value < 0) {
      throw new RangeError(`${name} must be a whole number ≥ 0, got ${value}`);
    }
  }
}

/** n₁ n₂ / m; null when no one is on both lists (the estimate is unbounded). */
export function lincolnPetersen(counts: TwoListCounts): number | null {
  checkCounts(counts);
  const { both, firstOnly, secondOnly } = counts;
  if (both === 0) return null;
  return ((both + firstOnly) * (both + secondOnly)) / both;
}

export function chapman(counts: TwoListCounts, level = 0.95): ChapmanEstimate {
  checkCounts(counts);
  const { both: m, firstOnly, secondOnly } = counts;
  const n1 = m + firstOnly;
  const n2 = m + secondOnly;
  const documented = m + firstOnly + secondOnly;
  const estimate = ((n1 + 1) * (n2 + 1)) / (m + 1) - 1;
  const variance = ((n1 + 1) * (n2 + 1) * (n1 - m) * (n2 - m)) / ((m + 1) ** 2 * (m + 2));
  const standardError = Math.sqrt(variance);
  const z = normalQuantile((1 + level) / 2);
  return {
    estimate,
    standardError,
    interval: logNormalInterval(documented, estimate, standardError, level),
    normalInterval: {
      lower: Math.max(documented, estimate - z * standardError),
      upper: estimate + z * standardError,
      level,
      method: "normal",
    },
  };
}
