/** `turnstile stats`: what the database holds, the data problems found, the stock today. */
import { deriveIntervals } from "../analytics/intervals.ts";
import { stockOn } from "../analytics/stock.ts";
import type { IntervalProblem } from "../analytics/types.ts";
import { dayNumber, dayToIso } from "../domain/partial-date.ts";
import { loadIntervalEvents } from "../store/analytics-source.ts";
import type { Store } from "../store/connection.ts";
import { countEntities, countEventsByType, type EntityCounts } from "../store/stats.ts";

export interface RegistryStats {
  database: string;
  counts: EntityCounts;
  eventsByType: Record<string, number>;
  detentionIntervals: { total: number; open: number };
  dataProblems: Record<string, number>;
  /** The first few problems, to show what they look like. */
  problemExamples: string[];
  stockToday: { date: string; count: number; lower: number; upper: number };
  synthetic: string | null;
}

function today(): number {
  const now = new Date();
  return dayNumber(now.getUTCFullYear(), now.getUTCMonth() + 1, now.getUTCDate());
}

export async function registryStats(store: Store, day = today()): Promise<RegistryStats> {
  const counts = await countEntities(store);
  const eventsByType = await countEventsByType(store);
  const { intervals, problems } = deriveIntervals(await loadIntervalEvents(store));
  const dataProblems: Record<string, number> = {};
  for (const problem of problems)
    dataProblems[problem.kind] = (dataProblems[problem.kind] ?? 0) + 1;
  const [now] = stockOn(intervals, [day]);
  return {
    database: `${store.engine} ${store.location}`,
    counts,
    eventsByType,
    detentionIntervals: {
      total: intervals.length,
      open: intervals.filter((interval) => interval.endEventId === null).length,
    },
    dataProblems,
    problemExamples: problems.slice(0, 3).map((p: IntervalProblem) => p.message),
    stockToday: {
      date: dayToIso(day),
      count: now?.count ?? 0,
      lower: now?.lower ?? 0,
      upper: now?.upper ?? 0,
    },
    synthetic:
      counts.syntheticPeople > 0
        ? `${counts.syntheticPeople} of ${counts.people} people are SYNTHETIC demo data, not real people`
        : null,
  };
}
