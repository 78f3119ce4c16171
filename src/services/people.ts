/**
 * People for the API: lists, one person, a person's timeline and the name search, each as
 * the reader's role may see them (visibility.ts). Status and detentions are derived from
 * the events by the analytics' own interval rules.
 */

import { deriveIntervals } from "../analytics/intervals.ts";
import { recognitionPeriods } from "../analytics/recognition.ts";
import { OPEN_END } from "../analytics/table.ts";
import type { Interval } from "../analytics/types.ts";
import { dayToIso } from "../domain/partial-date.ts";
import { loadIntervalEvents, loadRecognitionEvents } from "../store/analytics-source.ts";
import type { Queryable } from "../store/connection.ts";
import { articlesOf, intervalEventsOf, namesOf } from "../store/people.ts";
import {
  type Filter,
  getRecord,
  getRecords,
  listRecords,
  restrictedSourceIds,
  type StoredRecord,
} from "../store/records.ts";
import { NotFoundError, ValidationError } from "./errors.ts";
import { filtersFor, type ListRequest, type Page, parseSort } from "./record-reads.ts";
import type { ReportCache } from "./report-cache.ts";
import { searchPeople as searchByName } from "./search.ts";
import {
  atLeast,
  canSeePerson,
  type PersonStatus,
  personView,
  recordView,
  statusOf,
  type Viewer,
} from "./visibility.ts";

export type PersonView = ReturnType<typeof personView>;

const STATUSES: readonly PersonStatus[] = ["held", "released", "died_in_custody", "unknown"];

function byPerson(intervals: readonly Interval[]): Map<string, Interval[]> {
  const map = new Map<string, Interval[]>();
  for (const interval of intervals) {
    const list = map.get(interval.personId);
    if (list) list.push(interval);
    else map.set(interval.personId, [interval]);
  }
  return map;
}

/** The API view of stored people, with their names, detentions and articles. */
async function viewsOf(
  q: Queryable,
  people: StoredRecord[],
  viewer: Viewer,
): Promise<PersonView[]> {
  const ids = people.map((p) => p.id);
  const [names, events, articles] = await Promise.all([
    namesOf(q, ids),
    intervalEventsOf(q, ids),
    articlesOf(q, ids),
  ]);
  const intervals = byPerson(deriveIntervals(events).intervals);
  return people.map((person) =>
    personView(
      person,
      {
        names: names.filter((n) => n.personId === person.id),
        intervals: intervals.get(person.id) ?? [],
        articles: articles.get(person.id) ?? [],
      },
      viewer.role,
    ),
  );
}

/** Each person's status now, over the whole registry (cached while the data is unchanged). */
async function statuses(q: Queryable, cache: ReportCache): Promise<Map<string, PersonStatus>> {
  return cache.get(q, "person-status", async () => {
    const { intervals } = deriveIntervals(await loadIntervalEvents(q));
    const map = new Map<string, PersonStatus>();
    for (const [personId, list] of byPerson(intervals)) map.set(personId, statusOf(list));
    return map;
  });
}

/**
 * The people whose recognition by `monitor` is still running: the last period built by the
 * analytics' rules (src/analytics/recognition.ts) has no withdrawal.
 */
async function recognizedNow(q: Queryable, monitor: string, cache: ReportCache): Promise<string[]> {
  return cache.get(q, JSON.stringify(["recognized-now", monitor]), async () => {
    const { byPerson } = recognitionPeriods(await loadRecognitionEvents(q, monitor), monitor);
    return [...byPerson]
      .filter(([, periods]) => periods.count.at(-1) === OPEN_END)
      .map(([personId]) => personId);
  });
}

export async function listPeople(
  q: Queryable,
  request: ListRequest,
  viewer: Viewer,
  cache: ReportCache,
): Promise<Page<PersonView>> {
  const { sort, descending } = parseSort("person", request.sort, viewer.role);
  const filters = await personFilters(q, request, viewer, cache);
  const { limit, offset } = request;
  // Pages are kept while the data is unchanged: one per request and role.
  return cache.get(q, JSON.stringify(["people", viewer.role, request]), async () => {
    const page = await listRecords(q, "person", { filters, sort, descending, limit, offset });
    return { items: await viewsOf(q, page.items, viewer), total: page.total, limit, offset };
  });
}

/** The store's filters of a people list or search, with the computed status and recognition. */
async function personFilters(
  q: Queryable,
  request: Pick<ListRequest, "filters">,
  viewer: Viewer,
  cache: ReportCache,
): Promise<Filter[]> {
  const { status, recognizedBy, ...rest } = request.filters;
  const filters = filtersFor("person", { filters: rest, limit: 0, offset: 0 }, viewer.role);
  if (recognizedBy !== undefined && recognizedBy !== "") {
    // Recognition events are not public: their filter would tell what they hold.
    if (!atLeast(viewer.role, "viewer")) {
      throw new ValidationError([
        {
          field: "recognizedBy",
          message: "filtering by recognizedBy needs signing in (viewer role or above)",
        },
      ]);
    }
    const ids = await recognizedNow(q, String(recognizedBy), cache);
    filters.push({ op: "in", column: "id", values: ids });
  }
  if (status !== undefined && status !== "") {
    if (!STATUSES.includes(status as PersonStatus)) {
      throw new ValidationError([
        { field: "status", message: `must be one of ${STATUSES.join(", ")}; got "${status}"` },
      ]);
    }
    const all = await statuses(q, cache);
    if (status === "unknown") {
      filters.push({ op: "notIn", column: "id", values: [...all.keys()] });
    } else {
      const ids = [...all].filter(([, s]) => s === status).map(([id]) => id);
      filters.push({ op: "in", column: "id", values: ids });
    }
  }
  return filters;
}

async function visiblePerson(q: Queryable, id: string, viewer: Viewer): Promise<StoredRecord> {
  const person = await getRecord(q, "person", id);
  // The same answer for a person who does not exist and one the reader may not see.
  if (!person || !canSeePerson(viewer.role, person)) {
    throw new NotFoundError(`person "${id}" not found`);
  }
  return person;
}

export async function getPerson(q: Queryable, id: string, viewer: Viewer): Promise<PersonView> {
  const person = await visiblePerson(q, id, viewer);
  const [view] = await viewsOf(q, [person], viewer);
  return view as PersonView;
}

/**
 * A person's case: the person, their events in order with the sources of each, the
 * detention intervals derived from them and, for signed-in readers, the data problems.
 */
export function personTimeline(q: Queryable, id: string, viewer: Viewer, cache: ReportCache) {
  return cache.get(q, JSON.stringify(["timeline", viewer.role, id]), () =>
    computeTimeline(q, id, viewer),
  );
}

async function computeTimeline(q: Queryable, id: string, viewer: Viewer) {
  const person = await getPerson(q, id, viewer);
  const stored = await listRecords(q, "event", {
    filters: [{ op: "eq", column: "person_id", value: id }],
    sort: "date",
    descending: false,
    limit: 100_000,
    offset: 0,
  });
  const restricted = atLeast(viewer.role, "viewer")
    ? new Set<string>()
    : await restrictedSourceIds(q);
  const events = stored.items
    .map((event) => recordView("event", event, viewer.role, restricted))
    .filter((view): view is Record<string, unknown> => view !== null);
  const sourceIds = events.flatMap((e) => (e.sourceIds as string[]) ?? []);
  const sources = new Map(
    (await getRecords(q, "source", sourceIds))
      .map((s) => recordView("source", s, viewer.role, restricted))
      .filter((s): s is Record<string, unknown> => s !== null)
      .map((s) => [s.id as string, s]),
  );
  const { intervals, problems } = deriveIntervals(await intervalEventsOf(q, [id]));
  const signedIn = atLeast(viewer.role, "viewer");
  return {
    person,
    events: events.map((event) => ({
      ...event,
      sources: ((event.sourceIds as string[]) ?? []).flatMap((sid) => {
        const source = sources.get(sid);
        return source ? [source] : [];
      }),
    })),
    intervals: intervals.map((i) => ({
      startEventId: i.startEventId,
      endEventId: i.endEventId,
      start: {
        first: dayToIso(i.startFirst),
        last: dayToIso(i.startLast),
        middle: dayToIso(i.startMid),
      },
      end:
        i.endFirst === null || i.endLast === null || i.endMid === null
          ? null
          : { first: dayToIso(i.endFirst), last: dayToIso(i.endLast), middle: dayToIso(i.endMid) },
      exit: signedIn
        ? i.exit
        : i.exit === null
          ? null
          : i.exit === "died_in_custody"
            ? "died_in_custody"
            : "released",
    })),
    problems: signedIn
      ? problems.map((p) => ({ kind: p.kind, eventIds: p.eventIds, message: p.message }))
      : [],
  };
}

/**
 * People whose names match `text` in any script or spelling (the cross-script matcher of
 * services/search.ts), best first, as the viewer may see them; with `filters` (those of
 * {@link listPeople}), only the matches that pass them.
 */
export async function searchPeople(
  q: Queryable,
  text: string,
  limit: number,
  viewer: Viewer,
  narrowing?: { filters: ListRequest["filters"]; cache: ReportCache },
): Promise<PersonView[]> {
  const query = text.trim();
  if (query === "") return [];
  // Checked before searching: a refused filter is refused even when nothing matches.
  const narrowed =
    narrowing !== undefined &&
    Object.values(narrowing.filters).some((value) => value !== undefined && value !== "");
  const filters = narrowed
    ? await personFilters(q, { filters: narrowing.filters }, viewer, narrowing.cache)
    : [];
  const hits = await searchByName(q, query, { limit, role: viewer.role });
  let ids = hits.map((hit) => hit.id);
  if (narrowed && ids.length > 0) {
    // Keep the matches that pass, in the search's order.
    filters.push({ op: "in", column: "id", values: ids });
    const passed = await listRecords(q, "person", {
      filters,
      sort: "id",
      descending: false,
      limit: ids.length,
      offset: 0,
    });
    const kept = new Set(passed.items.map((p) => p.id));
    ids = ids.filter((id) => kept.has(id));
  }
  const people = await getRecords(q, "person", ids);
  const order = new Map(ids.map((id, i) => [id, i]));
  people.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
  return viewsOf(q, people, viewer);
}
