/** The stock series from the store: one load of the intervals, then computed in memory. */
import { recognitionPeriods } from "../analytics/recognition.ts";
import { type StockRow, stockSeries } from "../analytics/stock.ts";
import type { Step } from "../analytics/types.ts";
import { loadRecognitionEvents } from "../store/analytics-source.ts";
import type { Queryable } from "../store/connection.ts";
import { loadIntervals } from "./interval-loader.ts";

export { STEPS } from "./analytics-input.ts";

export interface StockQuery {
  from: number;
  to: number;
  step: Step;
  /** Count only people recognized by this monitor on each day. */
  recognizedBy?: string;
}

export async function stock(q: Queryable, query: StockQuery): Promise<StockRow[]> {
  const { table } = await loadIntervals(q);
  const recognition = query.recognizedBy
    ? recognitionPeriods(await loadRecognitionEvents(q, query.recognizedBy), query.recognizedBy)
    : null;
  return stockSeries(table, { from: query.from, to: query.to, step: query.step }, recognition);
}
