/**
 * The few special functions the estimators need: the standard normal quantile, the
 * chi-square quantile with one degree of freedom, and the log-gamma function.
 */

/** Σ coefficients[i] · x^(n−1−i), by Horner's rule. */
function horner(coefficients: readonly number[], x: number): number {
  let sum = 0;
  for (const c of coefficients) sum = sum * x + c;
  return sum;
}

// Acklam's coefficients (https://web.archive.org/web/2015/http://home.online.no/~pjacklam/notes/invnorm/).
const A = [
  -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
  2.506628277459239,
];
const B = [
  -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572,
  1,
];
const C = [
  -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734,
  4.374664141464968, 2.938163982698783,
];
const D = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416, 1];

/**
 * Quantile of the standard normal distribution: Acklam's rational approximation (relative
 * error below 1.2e-9) refined by one Halley step, which brings it to machine precision.
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normalQuantile needs 0 < p < 1, got ${p}`);
  const low = 0.02425;
  let x: number;
  if (p < low || p > 1 - low) {
    const q = Math.sqrt(-2 * Math.log(p < low ? p : 1 - p));
    x = (horner(C, q) / horner(D, q)) * (p < low ? 1 : -1);
  } else {
    const q = p - 0.5;
    const r = q * q;
    x = (horner(A, r) * q) / horner(B, r);
  }
  const e = 0.5 * erfc(-x / Math.SQRT2) - p;
  const u = e * Math.sqrt(2 * Math.PI) * Math.exp((x * x) / 2);
  return x - u / (1 + (x * u) / 2);
}

/**
 * Complementary error function: the Taylor series of erf below 2, a continued fraction
 * above; accurate to about 1e-15, as the Halley step needs.
 */
function erfc(x: number): number {
  const z = Math.abs(x);
  let result: number;
  if (z < 2) {
    // erf by its Taylor series, then 1 − erf.
    let sum = z;
    let term = z;
    const z2 = z * z;
    for (let n = 1; n < 60; n++) {
      term *= -z2 / n;
      const add = term / (2 * n + 1);
      sum += add;
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
    }
    result = 1 - (2 / Math.sqrt(Math.PI)) * sum;
  } else {
    // Continued fraction (Lentz) for erfc at larger arguments.
    let f = z;
    let c = z;
    let d = 0;
    for (let n = 1; n < 200; n++) {
      const an = n / 2;
      d = z + an * d;
      d = d === 0 ? 1e-300 : 1 / d;
      c = z + an / c;
      if (c === 0) c = 1e-300;
      const delta = c * d;
      f *= delta;
      if (Math.abs(delta - 1) < 1e-16) break;
    }
    result = Math.exp(-z * z) / (Math.sqrt(Math.PI) * f);
  }
  return x >= 0 ? result : 2 - result;
}

/** Quantile of the chi-square distribution with one degree of freedom. */
export function chiSquare1Quantile(level: number): number {
  const z = normalQuantile((1 + level) / 2);
  return z * z;
}

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
  -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
  1.5056327351493116e-7,
];

/** log Γ(x) for x > 0 (Lanczos, g = 7, n = 9: about 15 significant digits). */
export function logGamma(x: number): number {
  if (!(x > 0)) throw new RangeError(`logGamma needs x > 0, got ${x}`);
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let sum = LANCZOS[0] as number;
  for (let i = 1; i < 9; i++) sum += (LANCZOS[i] as number) / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** x log x, with 0 log 0 = 0. */
export function xLogX(x: number): number {
  return x > 0 ? x * Math.log(x) : 0;
}

/**
 * P(X > x) for X chi-square with `df` degrees of freedom: the regularised upper incomplete
 * gamma function Q(df/2, x/2), by its series below a + 1 and a continued fraction above
 * (Numerical Recipes §6.2).
 */
export function chiSquareSurvival(x: number, df: number): number {
  if (df <= 0) return Number.NaN;
  if (x <= 0) return 1;
  const a = df / 2;
  const z = x / 2;
  const logPrefix = a * Math.log(z) - z - logGamma(a);
  if (z < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < 1000; n++) {
      term *= z / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-16) break;
    }
    return 1 - sum * Math.exp(logPrefix);
  }
  let b = z + 1 - a;
  let c = 1e300;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 1000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < 1e-300) d = 1e-300;
    c = b + an / c;
    if (Math.abs(c) < 1e-300) c = 1e-300;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(logPrefix) * h;
}
