/**
 * The revolving-door simulator: a stock-and-flow Monte Carlo on typed arrays.
 *
 * Each run starts from the people held on `from`, each released after a time drawn from
 * the time-held distribution given the days already served. New arrests arrive as a
 * Poisson process; each stays for a time drawn from the same distribution. A release
 * operation removes its count, chosen at random among those held that day, and — when a
 * response is given — sets off extra arrests (Poisson, mean response × released) spread
 * evenly over the following window. The stock on a day d counts everyone with
 * start ≤ d < end, as the registry's stock does.
 */

import { type Random, seededRandom } from "./random.ts";
import { drawDuration, NEVER, type TimeHeldDistribution } from "./time-held.ts";

export interface ReleasePulse {
  day: number;
  count: number;
}

export interface MonteCarloInput {
  from: number;
  /** Days the stock is reported on, increasing, none before `from`. */
  checkpoints: Int32Array;
  /** Days already served on `from` by each person then held. */
  served: Int32Array;
  arrestsPerDay: number;
  timeHeld: TimeHeldDistribution;
  releases: readonly ReleasePulse[];
  response: { perReleased: number; windowDays: number } | null;
  runs: number;
  seed: number;
  /**
   * Parameter uncertainty (uncertainty.ts): run r arrests at `arrestsPerDayByRun[r]` and
   * draws times held from `timeHeldByRun[r mod length]`. Without them every run uses
   * `arrestsPerDay` and `timeHeld`: the bands are then Monte Carlo noise alone.
   */
  arrestsPerDayByRun?: Float64Array;
  timeHeldByRun?: readonly TimeHeldDistribution[];
}

export interface MonteCarloResult {
  runs: number;
  checkpoints: Int32Array;
  /** Row r, column c: the stock of run r on checkpoint c. */
  stock: Int32Array;
  /** Row r, column p: how many pulse p removed in run r (fewer than asked when fewer were held). */
  removed: Int32Array;
}

/** Growable start/end columns of the people of one run. */
class People {
  start: Int32Array;
  end: Int32Array;
  length = 0;
  constructor(capacity: number) {
    this.start = new Int32Array(capacity);
    this.end = new Int32Array(capacity);
  }
  push(start: number, end: number): void {
    if (this.length === this.start.length) {
      const start = new Int32Array(this.length * 2);
      const end = new Int32Array(this.length * 2);
      start.set(this.start);
      end.set(this.end);
      this.start = start;
      this.end = end;
    }
    this.start[this.length] = start;
    this.end[this.length] = end;
    this.length++;
  }
}

function checkInput(input: MonteCarloInput): void {
  const { from, checkpoints, runs, seed, arrestsPerDay, releases } = input;
  if (!Number.isInteger(runs) || runs < 1)
    throw new RangeError(`runs must be a whole number ≥ 1, got ${runs}`);
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be a whole number, got ${seed}`);
  if (!(arrestsPerDay >= 0))
    throw new RangeError(`the arrest rate must be ≥ 0, got ${arrestsPerDay}`);
  if (checkpoints.length === 0) throw new RangeError("at least one checkpoint is needed");
  if (input.arrestsPerDayByRun !== undefined && input.arrestsPerDayByRun.length < runs) {
    throw new RangeError("arrestsPerDayByRun needs one rate per run");
  }
  if (input.timeHeldByRun !== undefined && input.timeHeldByRun.length === 0) {
    throw new RangeError("timeHeldByRun needs at least one distribution");
  }
  for (let c = 0; c < checkpoints.length; c++) {
    const day = checkpoints[c] as number;
    if (day < from || (c > 0 && day <= (checkpoints[c - 1] as number))) {
      throw new RangeError("checkpoints must increase and start on or after from");
    }
  }
  for (const { day, count } of releases) {
    if (!Number.isInteger(day) || day < from)
      throw new RangeError(`a release on day ${day} is before from`);
    if (!Number.isInteger(count) || count < 0)
      throw new RangeError(`a release count must be a whole number ≥ 0, got ${count}`);
  }
}

/** For each day from `from` to the last checkpoint + 1: the first checkpoint on or after it. */
function checkpointIndex(from: number, checkpoints: Int32Array): Int32Array {
  const last = checkpoints[checkpoints.length - 1] as number;
  const index = new Int32Array(last - from + 2);
  let c = 0;
  for (let day = from; day <= last + 1; day++) {
    while (c < checkpoints.length && (checkpoints[c] as number) < day) c++;
    index[day - from] = c;
  }
  return index;
}

/** Runs the simulation; deterministic for a given input. */
export function runMonteCarlo(input: MonteCarloInput): MonteCarloResult {
  checkInput(input);
  const { from, checkpoints, served, runs, seed } = input;
  const horizon = checkpoints[checkpoints.length - 1] as number;
  const index = checkpointIndex(from, checkpoints);
  const slot = (day: number) =>
    day > horizon ? checkpoints.length : (index[Math.max(day, from) - from] as number);
  const pulses = [...input.releases].sort((a, b) => a.day - b.day).filter((p) => p.day <= horizon);
  const k = checkpoints.length;
  const stock = new Int32Array(runs * k);
  const removed = new Int32Array(runs * input.releases.length);
  let maxRate = input.arrestsPerDay;
  for (const rate of input.arrestsPerDayByRun ?? []) if (rate > maxRate) maxRate = rate;
  const expected = served.length + Math.ceil(maxRate * (horizon - from + 1) * 1.5) + 64;
  const people = new People(expected);
  const diff = new Int32Array(k + 1);
  let candidates = new Int32Array(expected);
  for (let run = 0; run < runs; run++) {
    const random = seededRandom(seed, run);
    const byRun = input.timeHeldByRun;
    const timeHeld =
      byRun === undefined ? input.timeHeld : (byRun[run % byRun.length] as TimeHeldDistribution);
    const arrestsPerDay = input.arrestsPerDayByRun?.[run] ?? input.arrestsPerDay;
    people.length = 0;
    for (let i = 0; i < served.length; i++) {
      const days = served[i] as number;
      const total = drawDuration(timeHeld, random, days);
      people.push(from - days, total >= NEVER ? NEVER : from - days + total);
    }
    arrivals(people, random, arrestsPerDay, from, horizon, timeHeld);
    pulses.forEach((pulse) => {
      if (candidates.length < people.length) candidates = new Int32Array(people.length * 2);
      const count = releasePulse(people, random, pulse, candidates);
      removed[run * input.releases.length + input.releases.indexOf(pulse)] = count;
      if (input.response !== null && count > 0) {
        respond(people, random, input.response, pulse.day, count, horizon, timeHeld);
      }
    });
    diff.fill(0);
    for (let i = 0; i < people.length; i++) {
      const lo = slot(people.start[i] as number);
      const hi = slot(people.end[i] as number);
      if (lo < hi) {
        diff[lo] = (diff[lo] as number) + 1;
        diff[hi] = (diff[hi] as number) - 1;
      }
    }
    let running = 0;
    for (let c = 0; c < k; c++) {
      running += diff[c] as number;
      stock[run * k + c] = running;
    }
  }
  return { runs, checkpoints, stock, removed };
}

function arrivals(
  people: People,
  random: Random,
  perDay: number,
  from: number,
  horizon: number,
  timeHeld: TimeHeldDistribution,
): void {
  if (!(perDay > 0)) return;
  let time = random.exponential(perDay);
  while (from + Math.floor(time) <= horizon) {
    const day = from + Math.floor(time);
    const total = drawDuration(timeHeld, random);
    people.push(day, total >= NEVER ? NEVER : day + total);
    time += random.exponential(perDay);
  }
}

/** Ends, on the pulse's day, the detention of `count` people chosen at random among those held. */
function releasePulse(
  people: People,
  random: Random,
  pulse: ReleasePulse,
  candidates: Int32Array,
): number {
  let held = 0;
  for (let i = 0; i < people.length; i++) {
    if ((people.start[i] as number) <= pulse.day && pulse.day < (people.end[i] as number))
      candidates[held++] = i;
  }
  const count = Math.min(pulse.count, held);
  for (let j = 0; j < count; j++) {
    const pick = j + random.below(held - j);
    const chosen = candidates[pick] as number;
    candidates[pick] = candidates[j] as number;
    people.end[chosen] = pulse.day;
  }
  return count;
}

function respond(
  people: People,
  random: Random,
  response: { perReleased: number; windowDays: number },
  day: number,
  released: number,
  horizon: number,
  timeHeld: TimeHeldDistribution,
): void {
  const extra = random.poisson(response.perReleased * released);
  for (let j = 0; j < extra; j++) {
    const start = day + 1 + random.below(response.windowDays);
    const total = drawDuration(timeHeld, random);
    if (start <= horizon) people.push(start, total >= NEVER ? NEVER : start + total);
  }
}
