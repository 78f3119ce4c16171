/**
 * `turnstile estimate` and its API: how many people were held, documented or not, from
 * the overlap of the sources that document them (multiple systems estimation). The lists
 * are sources (or groups of sources) or publishers; the population is the people held on a
 * day, or at any time in a period, by the registry's stock definition (point values).
 * Method and caveats: docs/ESTIMATION.md.
 */
import { checkLists } from "../analytics/estimation/loglinear.ts";
import { countPatterns } from "../analytics/estimation/overlap.ts";
import { estimatePopulation, type PopulationEstimate } from "../analytics/estimation/population.ts";
import type { IntervalTable } from "../analytics/table.ts";
import { dayToIso } from "../domain/partial-date.ts";
import type { Queryable } from "../store/connection.ts";
import {
  loadPersonPublishers,
  loadPersonSources,
  loadSourceSummaries,
  type PersonCitation,
} from "../store/estimation-source.ts";
import {
  AnalyticsInputError,
  checkRange,
  type DayInput,
  toDay,
  todayDay,
} from "./analytics-input.ts";
import { loadIntervals } from "./interval-loader.ts";

/** More lists than this are refused: 2^k patterns, and stepwise model search beyond 5. */
export const MAX_LISTS = 12;

export interface EstimateQuery {
  /** Source ids, comma-separated; `A+B` joins two sources into one list. */
  lists?: string;
  /** One list per publisher instead (sources without a publisher stand for themselves). */
  by?: "publisher";
  /** The people held on this day (default: today). */
  at?: DayInput;
  /** Or the people held at any time from `from` to `to`. */
  from?: DayInput;
  to?: DayInput;
  /** Confidence level of the intervals (default 0.95). */
  level?: number;
}

export interface EstimateOptions {
  /** Sources this reader may not see (restricted ones, for anonymous readers): as if unknown. */
  hiddenSources?: ReadonlySet<string>;
}

export interface ListDefinition {
  label: string;
  /** Source ids of the list (empty for a publisher list). */
  sources: string[];
  publisher: string | null;
  /** People of the population on this list. */
  count: number;
}

export interface EstimateReport extends Omit<PopulationEstimate, "lists"> {
  population: { kind: "day"; date: string } | { kind: "period"; from: string; to: string };
  /** People held in the population according to the registry (point values). */
  held: number;
  /** Of those, people whose events cite none of the lists (left out of the overlap table). */
  heldOnNoList: number;
  lists: ListDefinition[];
  /**
   * Sources (or publishers) left out of the automatic choice of lists because they cite
   * every person held: such a "list" misses nobody, so it would say that nobody is missing.
   */
  /** Sources left out of the lists, and why (`code` and `params` for the reader's language). */
  leftOut: {
    label: string;
    code: "cites_everyone";
    params: { count: number | string };
    reason: string;
  }[];
  method: string;
}

type Population = EstimateReport["population"];

function population(query: EstimateQuery): { population: Population; from: number; to: number } {
  const period = query.from !== undefined || query.to !== undefined;
  if (period && query.at !== undefined) {
    throw new AnalyticsInputError("give either at (one day) or from and to (a period), not both");
  }
  if (period) {
    if (query.from === undefined || query.to === undefined) {
      throw new AnalyticsInputError("a period needs both from and to");
    }
    const from = toDay(query.from, "from", "from");
    const to = toDay(query.to, "to", "to");
    checkRange(from, to);
    return { population: { kind: "period", from: dayToIso(from), to: dayToIso(to) }, from, to };
  }
  const at = query.at === undefined ? todayDay() : toDay(query.at, "from", "at");
  return { population: { kind: "day", date: dayToIso(at) }, from: at, to: at };
}

/** People with an interval meeting [from, to] (start ≤ to and end > from, on middles). */
function heldPeople(table: IntervalTable, from: number, to: number): Set<string> {
  const held = new Set<string>();
  for (let i = 0; i < table.length; i++) {
    if ((table.startMid[i] as number) <= to && (table.endMid[i] as number) > from) {
      held.add(table.personIds[table.person[i] as number] as string);
    }
  }
  return held;
}

/** `A,B+C` → [["A"], ["B", "C"]], checked against the known sources. */
function parseLists(text: string, known: ReadonlySet<string>): string[][] {
  const lists = text.split(",").map((item) => item.split("+").map((id) => id.trim()));
  const seen = new Map<string, number>();
  lists.forEach((ids, i) => {
    if (ids.some((id) => id === "")) {
      throw new AnalyticsInputError(
        `lists: item ${i + 1} ("${text.split(",")[i]}") has an empty source id; write A,B or A+B,C`,
      );
    }
    for (const id of ids) {
      if (!known.has(id)) throw new AnalyticsInputError(`lists: unknown source id "${id}"`);
      const other = seen.get(id);
      if (other !== undefined) {
        throw new AnalyticsInputError(
          `lists: source "${id}" is in list ${other + 1} and list ${i + 1}; a source may be on one list only`,
        );
      }
      seen.set(id, i);
    }
  });
  if (lists.length < 2) {
    throw new AnalyticsInputError("lists: estimation needs at least two lists, e.g. A,B");
  }
  return lists;
}

/** Refuses fewer than two lists or more than {@link MAX_LISTS}, naming what was found. */
function checkFound(keys: readonly string[], what: string, held: number): void {
  if (keys.length < 2) {
    const found = keys.length === 0 ? "none" : `only ${keys.map((k) => `"${k}"`).join("")}`;
    throw new AnalyticsInputError(
      `the events of the ${held.toLocaleString("en")} people held cite ${found} as ${what}: ` +
        "estimation needs at least two overlapping lists (docs/ESTIMATION.md shows how to try it)",
    );
  }
  if (keys.length > MAX_LISTS) {
    throw new AnalyticsInputError(
      `the people held are documented by ${keys.length} ${what}s, too many lists (at most ${MAX_LISTS}): ` +
        "choose them with lists, grouping sources with +",
    );
  }
}

/** Each held person's list mask from their citations (`keyToList`: citation key → list). */
function masks(
  citations: readonly PersonCitation[],
  held: ReadonlySet<string>,
  keyToList: ReadonlyMap<string, number>,
): Map<string, number> {
  const byPerson = new Map<string, number>();
  for (const { personId, key } of citations) {
    const list = keyToList.get(key);
    if (list === undefined || !held.has(personId)) continue;
    byPerson.set(personId, (byPerson.get(personId) ?? 0) | (1 << list));
  }
  return byPerson;
}

const METHOD =
  "A person is on a list when any of their events cites one of its sources. The population is " +
  "the people held (point values of the stock definition) on the day or in the period. Two " +
  "lists: Lincoln–Petersen and Chapman. Three or more: hierarchical log-linear models with " +
  "two-list interactions, chosen by AIC and BIC, averaged by AIC weight. Assumes a closed " +
  "population; an estimate is a bound with an interval, not a count. See docs/ESTIMATION.md.";

/**
 * The overlap table of the chosen lists for the people held on `at` (or in `from`..`to`),
 * with every estimator and fitted model.
 *
 * @example
 * // estimateReport(store, { lists: "viasna,hrc+press", at: "2025-09-30" })
 */
export async function estimateReport(
  q: Queryable,
  query: EstimateQuery,
  options: EstimateOptions = {},
): Promise<EstimateReport> {
  if (query.lists !== undefined && query.by !== undefined) {
    throw new AnalyticsInputError("give either lists or by, not both");
  }
  if (query.by !== undefined && query.by !== "publisher") {
    throw new AnalyticsInputError(`by must be "publisher", got "${query.by}"`);
  }
  const level = query.level ?? 0.95;
  if (!(level > 0 && level < 1))
    throw new AnalyticsInputError(`level must be between 0 and 1, got ${level}`);
  const chosen = population(query);
  const hidden = options.hiddenSources ?? new Set<string>();
  const sources = (await loadSourceSummaries(q)).filter((s) => !hidden.has(s.id));
  const { table } = await loadIntervals(q);
  const held = heldPeople(table, chosen.from, chosen.to);
  const citations =
    query.by === "publisher"
      ? await loadPersonPublishers(q, hidden)
      : (await loadPersonSources(q)).filter((c) => !hidden.has(c.key));
  const leftOut: EstimateReport["leftOut"] = [];
  /** The keys cited for the people held, without those cited for all of them. */
  const automatic = (): string[] => {
    const people = new Map<string, Set<string>>();
    for (const c of citations) {
      if (!held.has(c.personId)) continue;
      const set = people.get(c.key) ?? new Set<string>();
      set.add(c.personId);
      people.set(c.key, set);
    }
    const keys = [...people.keys()].sort();
    const partial = keys.filter((key) => (people.get(key)?.size ?? 0) < held.size);
    // Only when what remains can still be estimated on: else the usual message says why.
    if (partial.length < 2) return keys;
    for (const key of keys) {
      if (!partial.includes(key)) {
        leftOut.push({
          label: key,
          code: "cites_everyone",
          params: { count: held.size },
          reason: `cited for all ${held.size.toLocaleString("en")} people held: a list that misses nobody says nothing about who is missing`,
        });
      }
    }
    return partial;
  };

  let definitions: Omit<ListDefinition, "count">[];
  if (query.by === "publisher") {
    const keys = automatic();
    checkFound(keys, "publisher", held.size);
    definitions = keys.map((key) => ({ label: key, sources: [], publisher: key }));
  } else if (query.lists !== undefined) {
    const lists = parseLists(query.lists, new Set(sources.map((s) => s.id)));
    if (lists.length > MAX_LISTS) {
      throw new AnalyticsInputError(
        `lists: ${lists.length} lists are too many (at most ${MAX_LISTS})`,
      );
    }
    definitions = lists.map((ids) => ({ label: ids.join("+"), sources: ids, publisher: null }));
  } else {
    const cited = automatic();
    checkFound(cited, "source", held.size);
    definitions = cited.map((id) => ({ label: id, sources: [id], publisher: null }));
  }
  checkLists(definitions.length);
  const keyToList = new Map<string, number>();
  definitions.forEach((d, i) => {
    for (const key of d.publisher === null ? d.sources : [d.publisher]) keyToList.set(key, i);
  });
  const byPerson = masks(citations, held, keyToList);
  const counts = countPatterns(byPerson.values(), definitions.length);
  const labels = definitions.map((d) => d.label);
  const { lists, ...estimate } = estimatePopulation(counts, labels, { level });
  return {
    population: chosen.population,
    held: held.size,
    heldOnNoList: held.size - byPerson.size,
    ...estimate,
    lists: definitions.map((d, i) => ({ ...d, count: lists[i]?.count ?? 0 })),
    leftOut,
    method: METHOD,
  };
}
