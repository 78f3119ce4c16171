/** `turnstile stats`: what the database holds, the data problems found, the stock today. */
import { stockOn } from "../analytics/stock.ts";
import { OPEN_END } from "../analytics/table.ts";
import type { IntervalProblem } from "../analytics/types.ts";
import { dayToIso } from "../domain/partial-date.ts";
import type { Store } from "../store/connection.ts";
import { countEntities, countEventsByType, type EntityCounts } from "../store/stats.ts";
import { todayDay } from "./analytics-input.ts";
import { loadIntervals } from "./interval-loader.ts";

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

export async function registryStats(store: Store, day = todayDay()): Promise<RegistryStats> {
  const counts = await countEntities(store);
  const eventsByType = await countEventsByType(store);
  const { table, problems } = await loadIntervals(store);
  const dataProblems: Record<string, number> = {};
  for (const problem of problems)
    dataProblems[problem.kind] = (dataProblems[problem.kind] ?? 0) + 1;
  const [now] = stockOn(table, [day]);
  let open = 0;
  for (let i = 0; i < table.length; i++) if (table.endMid[i] === OPEN_END) open++;
  return {
    database: `${store.engine} ${store.location}`,
    counts,
    eventsByType,
    detentionIntervals: { total: table.length, open },
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
