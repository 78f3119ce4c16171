/**
 * Speed of the revolving-door simulator and of multiple systems estimation, each against
 * a baseline measured in the same run:
 *
 * - simulation: 1,000 runs × 24 months with about 1,500 people held, against a naive
 *   day-by-day simulator on objects (the obvious way to write it) on the same inputs;
 * - estimation with 5 lists (1,024 log-linear models, profile intervals for those that
 *   carry weight), against fitting the single independence model.
 *
 *   node bench/estimate.bench.ts [--runs 1000] [--months 24] [--held 1500] [--people 20000]
 */
import { fitLogLinear } from "../src/analytics/estimation/loglinear.ts";
import { fitModels } from "../src/analytics/estimation/model-selection.ts";
import { countPatterns } from "../src/analytics/estimation/overlap.ts";
import { estimatePopulation } from "../src/analytics/estimation/population.ts";
import { type MonteCarloInput, runMonteCarlo } from "../src/analytics/simulation/monte-carlo.ts";
import { monthlyCheckpoints, projectionRows } from "../src/analytics/simulation/projection.ts";
import { seededRandom } from "../src/analytics/simulation/random.ts";
import { drawDuration, kaplanMeier, NEVER } from "../src/analytics/simulation/time-held.ts";
import {
  arrestRateDraws,
  bootstrapTimeHeld,
  dispersionIndex,
} from "../src/analytics/simulation/uncertainty.ts";
import { dayNumber } from "../src/domain/partial-date.ts";
import { numberArg, peakRssMb, printTable, time } from "./harness.ts";

/** Wall and CPU seconds: this machine is shared, and CPU time is what load does not inflate. */
async function timed<T>(work: () => T): Promise<{ seconds: number; cpu: number; value: T }> {
  const cpu = process.cpuUsage();
  const { seconds, value } = await time(work);
  const used = process.cpuUsage(cpu);
  return { seconds, cpu: (used.user + used.system) / 1e6, value };
}

const runs = numberArg("runs", 1000);
const months = numberArg("months", 24);
const heldCount = numberArg("held", 1500);
const people = numberArg("people", 20000);

// ── simulation inputs: a registry like the demo's ─────────────────────────────────────────
const random = seededRandom(2026);
const durations = new Int32Array(6000);
const ended = new Uint8Array(6000);
for (let i = 0; i < durations.length; i++) {
  durations[i] = Math.floor(random.exponential(1 / 450));
  ended[i] = random.next() < 0.6 ? 1 : 0;
}
const timeHeld = kaplanMeier(durations, ended);
const from = dayNumber(2026, 1, 1);
const input: MonteCarloInput = {
  from,
  checkpoints: monthlyCheckpoints(from, months),
  served: Int32Array.from({ length: heldCount }, () => Math.floor(random.exponential(1 / 500))),
  arrestsPerDay: 70 / 30.4375,
  timeHeld,
  releases: [{ day: from + 31, count: 100 }],
  response: { perReleased: 0.5, windowDays: 90 },
  runs,
  seed: 1,
};

/** The naive way: every day, every person object checks whether they leave today. */
function naiveSimulation(runsToDo: number): number {
  let total = 0;
  const horizon = input.checkpoints[input.checkpoints.length - 1] as number;
  const checkpoints = new Set(input.checkpoints);
  for (let run = 0; run < runsToDo; run++) {
    const r = seededRandom(input.seed, run);
    let held: { end: number }[] = Array.from(input.served, (s) => ({
      end: from - s + drawDuration(timeHeld, r, s),
    }));
    for (let day = from; day <= horizon; day++) {
      for (let k = r.poisson(input.arrestsPerDay); k > 0; k--) {
        const t = drawDuration(timeHeld, r);
        held.push({ end: t >= NEVER ? NEVER : day + t });
      }
      for (const pulse of input.releases) {
        if (pulse.day !== day) continue;
        for (let k = 0; k < pulse.count && held.length > 0; k++)
          held.splice(r.below(held.length), 1);
      }
      held = held.filter((p) => p.end > day);
      if (checkpoints.has(day)) total += held.length;
    }
  }
  return total;
}

const single = await time(() => runMonteCarlo({ ...input, runs: 1 }));
const fast = await timed(() => runMonteCarlo(input));
// As the service runs it by default: each run draws its arrest rate (gamma posterior of a
// year's 840 admissions, months over-dispersed) and one of 200 bootstrap time-held curves.
const withParameters = await timed(() =>
  runMonteCarlo({
    ...input,
    arrestsPerDayByRun: arrestRateDraws(
      { admissions: 840, basisDays: 365, dispersion: dispersionIndex([50, 90, 60, 80, 70, 75]) },
      runs,
      1,
    ),
    timeHeldByRun: bootstrapTimeHeld(
      { days: durations, ended, entry: new Int32Array(durations.length) },
      timeHeld,
      Math.min(runs, 200),
      1,
    ),
  }),
);
const rowsWithParameters = projectionRows(withParameters.value);
const lastWithParameters = rowsWithParameters[rowsWithParameters.length - 1];
const naiveRuns = Math.max(1, Math.round(runs / 50));
const naive = await time(() => naiveSimulation(naiveRuns));
const rows = projectionRows(fast.value);
const last = rows[rows.length - 1];
const perRunFast = fast.seconds / runs;
const perRunNaive = naive.seconds / naiveRuns;

// ── estimation inputs: 5 lists over a closed population ──────────────────────────────────
const masks: number[] = [];
const p = [0.3, 0.25, 0.2, 0.15, 0.1];
for (let i = 0; i < people; i++) {
  let mask = 0;
  p.forEach((pi, list) => {
    const dependent = list === 1 && mask & 1 ? 0.1 : 0;
    if (random.next() < pi + dependent) mask |= 1 << list;
  });
  masks.push(mask);
}
const counts = countPatterns(masks, 5);
const labels = ["A", "B", "C", "D", "E"];
const oneModel = await time(() => fitLogLinear(counts, []));
const fitsOnly = await time(() => fitModels(counts, 5));
const estimate = await timed(() => estimatePopulation(counts, labels));
const averaged = estimate.value.averaged;

printTable([
  {
    benchmark: `simulate ${runs} runs × ${months} months, ${heldCount} held`,
    seconds: fast.seconds.toFixed(3),
    "cpu s": fast.cpu.toFixed(3),
    baseline: `naive day-by-day, ${naiveRuns} runs: ${naive.seconds.toFixed(2)} s`,
    "naive / fast (per run)": (perRunNaive / perRunFast).toFixed(1),
    "1 run s": single.seconds.toFixed(4),
  },
  {
    benchmark: `simulate with parameter uncertainty (200 bootstrap curves, gamma rates)`,
    seconds: withParameters.seconds.toFixed(3),
    "cpu s": withParameters.cpu.toFixed(3),
    baseline: `noise only: ${fast.seconds.toFixed(3)} s`,
    "naive / fast (per run)": "",
    "1 run s": "",
  },
  {
    benchmark: `estimate, 5 lists, ${estimate.value.documented} documented of ${people}`,
    seconds: estimate.seconds.toFixed(3),
    "cpu s": estimate.cpu.toFixed(3),
    baseline: `one model: ${(oneModel.seconds * 1000).toFixed(2)} ms; 1,024 fits without intervals: ${fitsOnly.seconds.toFixed(3)} s`,
    "naive / fast (per run)": "",
    "1 run s": "",
  },
]);
console.log(
  `estimate / one model: ${(estimate.seconds / oneModel.seconds).toFixed(0)}×; ` +
    `profile intervals computed for ${estimate.value.models.filter((m) => m.interval.method === "profile-likelihood").length} of 1,024 models`,
);
console.log(
  `projection after ${months} months: median ${last?.median}, 80% band ${last?.band80.lower}–${last?.band80.upper}; ` +
    `averaged estimate ${averaged?.estimate?.toFixed(0)} (truth ${people})`,
);
console.log(
  `with parameter uncertainty: median ${lastWithParameters?.median}, 80% band ${lastWithParameters?.band80.lower}–${lastWithParameters?.band80.upper}`,
);
console.log(`peak RSS ${peakRssMb()} MB`);
