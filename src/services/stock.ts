/** The stock series from the store: load the events in two queries, compute in memory. */
import { deriveIntervals } from "../analytics/intervals.ts";
import { recognitionPeriods } from "../analytics/recognition.ts";
import { type StockRow, stockSeries } from "../analytics/stock.ts";
import type { Step } from "../analytics/types.ts";
import { loadIntervalEvents, loadRecognitionEvents } from "../store/analytics-source.ts";
import type { Queryable } from "../store/connection.ts";

export const STEPS: readonly Step[] = ["day", "week", "month", "year"];

export interface StockQuery {
  from: number;
  to: number;
  step: Step;
  /** Count only people recognized by this monitor on each day. */
  recognizedBy?: string;
}

export async function stock(q: Queryable, query: StockQuery): Promise<StockRow[]> {
  const { intervals } = deriveIntervals(await loadIntervalEvents(q));
  const recognition = query.recognizedBy
    ? recognitionPeriods(await loadRecognitionEvents(q, query.recognizedBy), query.recognizedBy)
    : null;
  return stockSeries(intervals, { from: query.from, to: query.to, step: query.step }, recognition);
}
