/**
 * Properties that must hold for any registry, checked on random events with partial dates
 * at year, month and day precision.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { day } from "../../test/fixtures/analytics-events.ts";
import { RELEASE_MECHANISMS } from "../domain/model.ts";
import { dayToIso, parsePartialDate } from "../domain/partial-date.ts";
import { flows } from "./flows.ts";
import { deriveIntervals } from "./intervals.ts";
import { recognitionPeriods } from "./recognition.ts";
import { dailyStock, type StockMeasure } from "./stock.ts";
import { toIntervalTable } from "./table.ts";
import type { Interval, IntervalEvent, RecognitionEvent } from "./types.ts";

const FROM = day("2018-12-20");
const TO = day("2022-01-10");
const PEOPLE = ["A", "B", "C", "D"];
const MEASURES: StockMeasure[] = ["count", "lower", "upper"];

const partialDate = fc
  .record({
    year: fc.integer({ min: 2019, max: 2021 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 28 }),
    precision: fc.constantFrom("year", "month", "day", "day", "day"),
  })
  .map(({ year, month, day: d, precision }) => {
    const mm = String(month).padStart(2, "0");
    const dd = String(d).padStart(2, "0");
    const text =
      precision === "year"
        ? `${year}`
        : precision === "month"
          ? `${year}-${mm}`
          : `${year}-${mm}-${dd}`;
    return parsePartialDate(text);
  });

const events: fc.Arbitrary<IntervalEvent[]> = fc
  .array(
    fc.record({
      personId: fc.constantFrom(...PEOPLE),
      type: fc.constantFrom("detained", "detained", "released", "died_in_custody"),
      date: partialDate,
      mechanism: fc.option(fc.constantFrom(...RELEASE_MECHANISMS)),
    }),
    { maxLength: 24 },
  )
  .map((rows) =>
    rows.map(({ personId, type, date, mechanism }, i) => ({
      eventId: `e${String(i).padStart(2, "0")}`,
      personId,
      type: type as IntervalEvent["type"],
      first: date.first,
      last: date.last,
      mechanism: type === "released" ? mechanism : null,
      operationId: null,
    })),
  );

function range(interval: Interval, measure: StockMeasure): [number, number] {
  const open = Number.POSITIVE_INFINITY;
  if (measure === "count") return [interval.startMid, interval.endMid ?? open];
  if (measure === "lower") return [interval.startLast, interval.endFirst ?? open];
  return [interval.startFirst, interval.endLast ?? open];
}

/** The definition read literally: people with an interval covering d. */
function naiveStock(intervals: readonly Interval[], d: number, measure: StockMeasure): number {
  const held = new Set<string>();
  for (const interval of intervals) {
    const [a, b] = range(interval, measure);
    if (a <= d && d < b) held.add(interval.personId);
  }
  return held.size;
}

describe("stock properties", () => {
  it("agrees with the definition read literally, for every day and measure", () => {
    fc.assert(
      fc.property(events, (evs) => {
        const { intervals } = deriveIntervals(evs);
        const stock = dailyStock(intervals, FROM, TO);
        for (const measure of MEASURES) {
          const naive = stock[measure].map((_, i) => naiveStock(intervals, FROM + i, measure));
          expect([...stock[measure]], measure).toEqual([...naive]);
        }
      }),
    );
  });

  it("keeps lower ≤ count ≤ upper ≤ number of people", () => {
    fc.assert(
      fc.property(events, (evs) => {
        const stock = dailyStock(deriveIntervals(evs).intervals, FROM, TO);
        for (let i = 0; i < stock.count.length; i++) {
          const lower = stock.lower[i] as number;
          const count = stock.count[i] as number;
          const upper = stock.upper[i] as number;
          if (!(lower <= count && count <= upper && upper <= PEOPLE.length)) {
            throw new Error(`on ${dayToIso(FROM + i)}: ${lower} ≤ ${count} ≤ ${upper} fails`);
          }
        }
      }),
    );
  });

  it("counts each person at most once: the stock is the sum of one-person stocks", () => {
    fc.assert(
      fc.property(events, (evs) => {
        const { intervals } = deriveIntervals(evs);
        const total = dailyStock(intervals, FROM, TO);
        const sums = {
          count: new Int32Array(total.count.length),
          lower: new Int32Array(total.count.length),
          upper: new Int32Array(total.count.length),
        };
        for (const person of PEOPLE) {
          const alone = dailyStock(
            intervals.filter((i) => i.personId === person),
            FROM,
            TO,
          );
          for (const measure of MEASURES) {
            expect(Math.max(...alone[measure])).toBeLessThanOrEqual(1);
            alone[measure].forEach((n, i) => {
              sums[measure][i] = (sums[measure][i] as number) + n;
            });
          }
        }
        for (const measure of MEASURES) expect([...total[measure]]).toEqual([...sums[measure]]);
      }),
    );
  });

  it("changes by admissions minus exits in (d1, d2] when no intervals overlap", () => {
    fc.assert(
      fc.property(
        events,
        fc.integer({ min: FROM, max: TO }),
        fc.integer({ min: FROM, max: TO }),
        (evs, x, y) => {
          const { intervals, problems } = deriveIntervals(evs);
          fc.pre(!problems.some((p) => p.kind === "overlapping_intervals"));
          const [d1, d2] = x < y ? [x, y] : [y, x];
          const stock = dailyStock(intervals, FROM, TO).count;
          let net = 0;
          if (d2 > d1) {
            for (const row of flows(intervals, { from: d1 + 1, to: d2, step: "year" })) {
              net += row.admissions;
              for (const n of Object.values(row.exits)) net -= n as number;
            }
          }
          expect((stock[d2 - FROM] as number) - (stock[d1 - FROM] as number)).toBe(net);
        },
      ),
    );
  });

  it("does not depend on the order of the events, nor of the table's rows", () => {
    const shuffled = events.chain((evs) =>
      fc.tuple(fc.constant(evs), fc.shuffledSubarray(evs, { minLength: evs.length })),
    );
    fc.assert(
      fc.property(shuffled, fc.integer(), ([evs, permuted], seed) => {
        const derived = deriveIntervals(evs);
        expect(deriveIntervals(permuted)).toEqual(derived);
        // Rows of one person need not be next to each other in a table.
        const rows = [...derived.intervals].sort(
          (a, b) => ((a.startMid * 31 + seed) % 7) - ((b.startMid * 31 + seed) % 7),
        );
        const fromTable = dailyStock(toIntervalTable(rows), FROM, TO);
        const fromArray = dailyStock(derived.intervals, FROM, TO);
        for (const measure of MEASURES) {
          expect([...fromTable[measure]]).toEqual([...fromArray[measure]]);
        }
      }),
    );
  });

  it("narrows every interval into consistent ranges", () => {
    fc.assert(
      fc.property(events, (evs) => {
        for (const i of deriveIntervals(evs).intervals) {
          expect(i.startFirst).toBeLessThanOrEqual(i.startMid);
          expect(i.startMid).toBeLessThanOrEqual(i.startLast);
          if (i.endMid === null) continue;
          const [endFirst, endLast] = [i.endFirst as number, i.endLast as number];
          expect(i.startLast).toBeLessThanOrEqual(endLast);
          expect(i.startFirst).toBeLessThanOrEqual(endFirst);
          expect(endFirst).toBeLessThanOrEqual(i.endMid);
          expect(i.endMid).toBeLessThanOrEqual(endLast);
          expect(i.startMid).toBeLessThanOrEqual(i.endMid);
        }
      }),
    );
  });
});

describe("recognized stock properties", () => {
  const recognitions: fc.Arbitrary<RecognitionEvent[]> = fc.array(
    fc
      .record({
        personId: fc.constantFrom(...PEOPLE),
        type: fc.constantFrom("recognized", "recognition_withdrawn") as fc.Arbitrary<
          RecognitionEvent["type"]
        >,
        monitor: fc.constantFrom("Viasna", "Other"),
        date: partialDate,
      })
      .map(({ date, ...rest }) => ({ ...rest, first: date.first, last: date.last })),
    { maxLength: 12 },
  );

  it("never exceeds the total stock, and equals it when everyone is always recognized", () => {
    fc.assert(
      fc.property(events, recognitions, (evs, recs) => {
        const { intervals } = deriveIntervals(evs);
        const total = dailyStock(intervals, FROM, TO);
        const recognized = dailyStock(intervals, FROM, TO, recognitionPeriods(recs, "Viasna"));
        const always = recognitionPeriods(
          PEOPLE.map((personId) => ({
            personId,
            type: "recognized",
            monitor: "Viasna",
            first: day("1990-01-01"),
            last: day("1990-01-01"),
          })),
          "Viasna",
        );
        const everyone = dailyStock(intervals, FROM, TO, always);
        const exceeding = (a: Int32Array, b: Int32Array) =>
          a.findIndex((n, i) => n > (b[i] as number));
        for (const measure of MEASURES) {
          expect(exceeding(recognized[measure], total[measure])).toBe(-1);
          expect([...everyone[measure]]).toEqual([...total[measure]]);
        }
        expect(exceeding(recognized.lower, recognized.count)).toBe(-1);
        expect(exceeding(recognized.count, recognized.upper)).toBe(-1);
      }),
    );
  });
});
