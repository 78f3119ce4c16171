/**
 * Poisson regression with a log link, fitted by iteratively reweighted least squares
 * (Newton's method for the canonical link), on a design whose entries are all 0 or 1.
 *
 * Capture–recapture designs are small (2^k − 1 cells, 1 + k + k(k−1)/2 columns) and mostly
 * zeros, so each row is kept as the list of its columns that hold a 1: one IRLS step is then
 * a few hundred multiply-adds and a Cholesky factorisation of a matrix of at most ~50 rows.
 */
import { logGamma, xLogX } from "./special.ts";

/** A 0/1 design: row r has ones in columns `columns[offsets[r]] .. columns[offsets[r+1] − 1]`. */
export interface BinaryDesign {
  rows: number;
  cols: number;
  offsets: Int32Array;
  columns: Int32Array;
}

export interface PoissonFit {
  beta: Float64Array;
  mu: Float64Array;
  /** 2 Σ [y log(y/μ) − (y − μ)]. */
  deviance: number;
  /** Σ [y log μ − μ − log y!], the full Poisson log-likelihood (as R's glm uses for AIC). */
  logLik: number;
  /** (X'WX)⁻¹ at the fit, row-major; null when the information matrix is singular. */
  covariance: Float64Array | null;
  iterations: number;
  converged: boolean;
}

export function binaryDesign(
  rowsOfColumns: readonly (readonly number[])[],
  cols: number,
): BinaryDesign {
  const offsets = new Int32Array(rowsOfColumns.length + 1);
  let total = 0;
  rowsOfColumns.forEach((row, r) => {
    total += row.length;
    offsets[r + 1] = total;
  });
  const columns = new Int32Array(total);
  let k = 0;
  for (const row of rowsOfColumns) for (const c of row) columns[k++] = c;
  return { rows: rowsOfColumns.length, cols, offsets, columns };
}

/** In-place Cholesky factorisation of a symmetric p×p matrix (lower triangle); false if not positive definite. */
function cholesky(a: Float64Array, p: number): boolean {
  for (let j = 0; j < p; j++) {
    let diagonal = a[j * p + j] as number;
    for (let k = 0; k < j; k++) diagonal -= (a[j * p + k] as number) ** 2;
    // Relative threshold: a column the data do not identify gives a pivot near zero.
    if (!(diagonal > 1e-10 * Math.max(1, Math.abs(a[j * p + j] as number)))) return false;
    const root = Math.sqrt(diagonal);
    a[j * p + j] = root;
    for (let i = j + 1; i < p; i++) {
      let sum = a[i * p + j] as number;
      for (let k = 0; k < j; k++) sum -= (a[i * p + k] as number) * (a[j * p + k] as number);
      a[i * p + j] = sum / root;
    }
  }
  return true;
}

/** Solves L L' x = b in place, L the lower triangle of `l`. */
function choleskySolve(l: Float64Array, p: number, b: Float64Array): void {
  for (let i = 0; i < p; i++) {
    let sum = b[i] as number;
    for (let k = 0; k < i; k++) sum -= (l[i * p + k] as number) * (b[k] as number);
    b[i] = sum / (l[i * p + i] as number);
  }
  for (let i = p - 1; i >= 0; i--) {
    let sum = b[i] as number;
    for (let k = i + 1; k < p; k++) sum -= (l[k * p + i] as number) * (b[k] as number);
    b[i] = sum / (l[i * p + i] as number);
  }
}

function choleskyInverse(l: Float64Array, p: number): Float64Array {
  const inverse = new Float64Array(p * p);
  const column = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    column.fill(0);
    column[j] = 1;
    choleskySolve(l, p, column);
    for (let i = 0; i < p; i++) inverse[i * p + j] = column[i] as number;
  }
  return inverse;
}

function poissonDeviance(y: Float64Array, mu: Float64Array): number {
  let deviance = 0;
  for (let i = 0; i < y.length; i++) {
    const yi = y[i] as number;
    const mi = mu[i] as number;
    deviance += 2 * (xLogX(yi) - (yi > 0 ? yi * Math.log(mi) : 0) - (yi - mi));
  }
  return deviance;
}

function poissonLogLik(y: Float64Array, mu: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < y.length; i++) {
    const yi = y[i] as number;
    const mi = mu[i] as number;
    sum += (yi > 0 ? yi * Math.log(mi) : 0) - mi - logGamma(yi + 1);
  }
  return sum;
}

export interface FitOptions {
  /** Starting coefficients (a previous fit of a nearby problem converges in a few steps). */
  start?: Float64Array;
  maxIterations?: number;
  /** Stop when the deviance changes by less than this, relative (R's glm uses 1e-8). */
  tolerance?: number;
  /** Skip the covariance matrix (profile likelihoods need only the deviance). */
  covariance?: boolean;
  /** Skip the log-likelihood (NaN then). */
  logLik?: boolean;
}

interface Workspace {
  info: Float64Array;
  score: Float64Array;
  previous: Float64Array;
  eta: Float64Array;
}

// Profile likelihoods refit one design dozens of times: reuse its scratch arrays.
const workspaces = new WeakMap<BinaryDesign, Workspace>();

function workspace(design: BinaryDesign): Workspace {
  let space = workspaces.get(design);
  if (space === undefined) {
    const p = design.cols;
    space = {
      info: new Float64Array(p * p),
      score: new Float64Array(p),
      previous: new Float64Array(p),
      eta: new Float64Array(design.rows),
    };
    workspaces.set(design, space);
  }
  return space;
}

/**
 * Maximum-likelihood fit of log μ = Xβ to counts y. Starts from μ = y + 0.1 as R's glm
 * does, unless `start` is given; halves a step whose deviance is not finite.
 */
export function fitPoisson(
  design: BinaryDesign,
  y: Float64Array,
  options: FitOptions = {},
): PoissonFit {
  const { rows, cols: p, offsets, columns } = design;
  const maxIterations = options.maxIterations ?? 100;
  const tolerance = options.tolerance ?? 1e-12;
  const beta = new Float64Array(p);
  const mu = new Float64Array(rows);
  const { info, score, previous, eta } = workspace(design);
  if (options.start) {
    beta.set(options.start);
    linearPredictor(design, beta, eta);
    for (let r = 0; r < rows; r++) mu[r] = Math.exp(eta[r] as number);
  } else {
    for (let r = 0; r < rows; r++) {
      mu[r] = (y[r] as number) + 0.1;
      eta[r] = Math.log(mu[r] as number);
    }
  }
  let deviance = poissonDeviance(y, mu);
  let converged = false;
  let singular = false;
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    // Normal equations X'WX β = X'W z with W = μ and z = η + (y − μ)/μ.
    info.fill(0);
    score.fill(0);
    for (let r = 0; r < rows; r++) {
      const w = mu[r] as number;
      const wz = w * (eta[r] as number) + (y[r] as number) - w;
      const lo = offsets[r] as number;
      const hi = offsets[r + 1] as number;
      for (let a = lo; a < hi; a++) {
        const i = columns[a] as number;
        score[i] = (score[i] as number) + wz;
        for (let b = lo; b <= a; b++) {
          const j = columns[b] as number;
          const cell = i >= j ? i * p + j : j * p + i;
          info[cell] = (info[cell] as number) + w;
        }
      }
    }
    if (!cholesky(info, p)) {
      singular = true;
      break;
    }
    previous.set(beta);
    beta.set(score);
    choleskySolve(info, p, beta);
    let next = Number.POSITIVE_INFINITY;
    for (let halving = 0; halving < 30; halving++) {
      linearPredictor(design, beta, eta);
      for (let r = 0; r < rows; r++) mu[r] = Math.exp(eta[r] as number);
      next = poissonDeviance(y, mu);
      if (Number.isFinite(next)) break;
      for (let i = 0; i < p; i++) beta[i] = ((beta[i] as number) + (previous[i] as number)) / 2;
    }
    const change = Math.abs(next - deviance) / (Math.abs(next) + 0.1);
    deviance = next;
    if (change < tolerance) {
      converged = true;
      iterations++;
      break;
    }
  }
  let covariance: Float64Array | null = null;
  if (options.covariance !== false && !singular) covariance = informationInverse(design, mu);
  return {
    beta,
    mu,
    deviance,
    logLik: options.logLik === false ? Number.NaN : poissonLogLik(y, mu),
    covariance,
    iterations,
    converged: converged && !singular,
  };
}

function linearPredictor(design: BinaryDesign, beta: Float64Array, eta: Float64Array): void {
  const { rows, offsets, columns } = design;
  for (let r = 0; r < rows; r++) {
    let sum = 0;
    for (let a = offsets[r] as number; a < (offsets[r + 1] as number); a++) {
      sum += beta[columns[a] as number] as number;
    }
    eta[r] = sum;
  }
}

/** (X' diag(μ) X)⁻¹, or null when singular. */
function informationInverse(design: BinaryDesign, mu: Float64Array): Float64Array | null {
  const { rows, cols: p, offsets, columns } = design;
  const info = new Float64Array(p * p);
  for (let r = 0; r < rows; r++) {
    const w = mu[r] as number;
    const lo = offsets[r] as number;
    const hi = offsets[r + 1] as number;
    for (let a = lo; a < hi; a++) {
      const i = columns[a] as number;
      for (let b = lo; b <= a; b++) {
        const j = columns[b] as number;
        const cell = i >= j ? i * p + j : j * p + i;
        info[cell] = (info[cell] as number) + w;
      }
    }
  }
  if (!cholesky(info, p)) return null;
  return choleskyInverse(info, p);
}
