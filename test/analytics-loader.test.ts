/**
 * The fast path from the store to an IntervalTable (one packed text per page, intervals
 * built in typed arrays) against `deriveIntervals` on the same events as objects: the same
 * intervals and the same data problems, on random registries with ids that need care
 * (commas, newlines, accents, emoji) and across several pages.
 */
import fc from "fast-check";
import { expect, it } from "vitest";
import { deriveIntervals } from "../src/analytics/intervals.ts";
import type { Interval, IntervalEvent } from "../src/analytics/types.ts";
import type { Bundle, CaseEvent, ReleaseMechanism } from "../src/domain/model.ts";
import { RELEASE_MECHANISMS } from "../src/domain/model.ts";
import { parsePartialDate } from "../src/domain/partial-date.ts";
import { intervalObjects, loadIntervals } from "../src/services/interval-loader.ts";
import { writeBundle } from "../src/store/bundle-writer.ts";
import type { Store } from "../src/store/connection.ts";
import { describeEachStore } from "./helpers/stores.ts";

const PEOPLE = ["P1", "p,2", "p\n3", "é4", "😀5", "P 6"];
const OPERATIONS = ["op,1", "op2"];

const partialDate = fc
  .record({
    year: fc.integer({ min: 2019, max: 2020 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 28 }),
    precision: fc.constantFrom("year", "month", "day", "day"),
  })
  .map(({ year, month, day, precision }) => {
    const mm = String(month).padStart(2, "0");
    const dd = String(day).padStart(2, "0");
    return parsePartialDate(
      precision === "year"
        ? `${year}`
        : precision === "month"
          ? `${year}-${mm}`
          : `${year}-${mm}-${dd}`,
    );
  });

interface EventRow {
  person: string;
  type: IntervalEvent["type"];
  date: ReturnType<typeof parsePartialDate>;
  mechanism: ReleaseMechanism | null;
  operation: string | null;
  idStyle: string;
}

const eventRow: fc.Arbitrary<EventRow> = fc.record({
  person: fc.constantFrom(...PEOPLE),
  type: fc.constantFrom("detained", "detained", "released", "died_in_custody") as fc.Arbitrary<
    IntervalEvent["type"]
  >,
  date: partialDate,
  mechanism: fc.constantFrom(null, ...RELEASE_MECHANISMS) as fc.Arbitrary<ReleaseMechanism | null>,
  operation: fc.constantFrom(null, null, ...OPERATIONS),
  idStyle: fc.constantFrom("e", "e,", "é", "😀", "e\n"),
});

function bundleOf(rows: EventRow[]): {
  bundle: Partial<Bundle>;
  events: IntervalEvent[];
} {
  const events: CaseEvent[] = rows.map((row, i) => {
    const released = row.type === "released";
    return {
      id: `${row.idStyle}${i}`,
      personId: row.person,
      type: row.type,
      date: { text: row.date.text, first: row.date.first, last: row.date.last },
      mechanism: released ? row.mechanism : null,
      operationId: released ? row.operation : null,
      monitor: null,
      facility: null,
      articles: null,
      sentenceMonths: null,
      description: null,
      sourceIds: ["s1"],
    };
  });
  const bundle: Partial<Bundle> = {
    sources: [
      {
        id: "s1",
        title: "test source",
        publisher: null,
        url: null,
        published: null,
        language: null,
        reliability: null,
        credibility: null,
      },
    ],
    people: PEOPLE.map((id) => ({
      id,
      name: `Person ${id}`,
      nameLatin: null,
      birthDate: null,
      gender: null,
      region: null,
      occupation: null,
      health: null,
      visibility: "private",
      consent: "unknown",
      synthetic: false,
    })),
    operations: OPERATIONS.map((id) => ({
      id,
      date: {
        text: "2020-06",
        first: parsePartialDate("2020-06").first,
        last: parsePartialDate("2020-06").last,
      },
      kind: "pardon",
      announcedCount: 10,
      mediators: null,
      description: null,
      sourceIds: ["s1"],
    })),
    events,
  };
  const intervalEvents = events.map((e) => ({
    eventId: e.id,
    personId: e.personId,
    type: e.type as IntervalEvent["type"],
    first: e.date.first,
    last: e.date.last,
    mechanism: e.mechanism,
    operationId: e.operationId,
  }));
  return { bundle, events: intervalEvents };
}

async function replaceRegistry(store: Store, bundle: Partial<Bundle>): Promise<void> {
  await store.transaction(async (tx) => {
    await tx.exec(
      "DELETE FROM event; DELETE FROM release_operation; DELETE FROM person; DELETE FROM source;",
    );
    await writeBundle(tx, bundle, { actor: "test", batch: "loader" });
  });
}

function sorted(list: readonly object[]): string[] {
  return list.map((item) => JSON.stringify(item)).sort();
}

function expectSame(loaded: Interval[], expected: Interval[]): void {
  expect(sorted(loaded)).toEqual(sorted(expected));
}

describeEachStore("interval loader", (use) => {
  it("builds the same intervals and problems as deriveIntervals, on one page and on several", async () => {
    const { store } = use();
    await fc.assert(
      fc.asyncProperty(fc.array(eventRow, { minLength: 0, maxLength: 30 }), async (rows) => {
        const { bundle, events } = bundleOf(rows);
        await replaceRegistry(store, bundle);
        const expected = deriveIntervals(events);
        for (const eventsPerPage of [2_000_000, 5]) {
          const loaded = await loadIntervals(store, { eventsPerPage });
          expectSame(intervalObjects(loaded), expected.intervals);
          expect(sorted(loaded.problems)).toEqual(sorted(expected.problems));
          expect(new Set(loaded.table.personIds).size).toBe(loaded.table.personIds.length);
        }
      }),
      { numRuns: 25 },
    );
  });

  it("an empty registry gives an empty table", async () => {
    const { store } = use();
    await replaceRegistry(store, bundleOf([]).bundle);
    const loaded = await loadIntervals(store);
    expect(loaded.table.length).toBe(0);
    expect(loaded.problems).toEqual([]);
  });

  it("re-arrest, death and a release before any detention, by hand", async () => {
    const { store } = use();
    const d = (text: string) => parsePartialDate(text);
    const rows: EventRow[] = [
      {
        person: "p,2",
        type: "released",
        date: d("2019-01-05"),
        mechanism: null,
        operation: null,
        idStyle: "e",
      },
      {
        person: "p,2",
        type: "detained",
        date: d("2019"),
        mechanism: null,
        operation: null,
        idStyle: "e",
      },
      {
        person: "p,2",
        type: "released",
        date: d("2019-06-10"),
        mechanism: "pardon",
        operation: "op,1",
        idStyle: "e",
      },
      {
        person: "p,2",
        type: "detained",
        date: d("2020-02"),
        mechanism: null,
        operation: null,
        idStyle: "😀",
      },
      {
        person: "p,2",
        type: "died_in_custody",
        date: d("2020-03-01"),
        mechanism: null,
        operation: null,
        idStyle: "e",
      },
    ];
    await replaceRegistry(store, bundleOf(rows).bundle);
    const loaded = await loadIntervals(store);
    const intervals = intervalObjects(loaded);
    // By middle days: e0 (2019-01-05) finds nothing open and the next event is a release:
    // a data problem. e2 (2019-06-10) is taken after "detained 2019" (e1, middle
    // 2019-07-02, first day on or before the release).
    expect(intervals.map((i) => [i.startEventId, i.endEventId, i.exit, i.operationId])).toEqual([
      ["e1", "e2", "pardon", "op,1"],
      ["😀3", "e4", "died_in_custody", null],
    ]);
    expect(loaded.problems.map((p) => p.eventIds)).toEqual([["e0"]]);
  });
});
