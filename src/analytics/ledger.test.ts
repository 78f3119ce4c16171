import { describe, expect, it } from "vitest";
import { intervalEvents, range } from "../../test/fixtures/analytics-events.ts";
import type { DiplomaticEvent, Measure } from "../domain/model.ts";
import { deriveIntervals } from "./intervals.ts";
import { ledger } from "./ledger.ts";

// The public facts of data/public (founding article, Reuters), and a registry in which two
// people released on 2025-09-11 are documented and nobody new is detained.
const operations = [
  { id: "op-2025-06-21", date: range("2025-06-21"), announcedCount: 14 },
  { id: "op-2025-09-11", date: range("2025-09-11"), announcedCount: 52 },
  { id: "op-2025-09-16", date: range("2025-09-16"), announcedCount: 25 },
  { id: "op-2025-12-13", date: range("2025-12-13"), announcedCount: 123 },
];

function measure(id: string, target: string, eased: string | null, lifted: string | null): Measure {
  return {
    id,
    authority: "US",
    target,
    kind: "sanctions",
    imposed: null,
    eased: eased === null ? null : range(eased),
    lifted: lifted === null ? null : range(lifted),
    description: null,
    sourceIds: [],
  };
}

const measures = [
  measure("m-belavia", "Belavia (national airline)", "2025-09-11", null),
  measure("m-belaruskali", "Belaruskali (potash)", null, "2025-12-13"),
];

function talk(id: string, date: string, kind: string): DiplomaticEvent {
  return { id, date: range(date), kind, actors: null, description: null, sourceIds: [] };
}

const diplomaticEvents = [
  talk("de-2025-06-21", "2025-06-21", "visit"),
  talk("de-2025-09-11", "2025-09-11", "negotiation"),
  // ~2025-09: middle 2025-09-15.
  talk("de-2025-09-embassy", "~2025-09", "embassy"),
  talk("de-2025-12-13", "2025-12-13", "negotiation"),
];

const { intervals } = deriveIntervals(
  intervalEvents([
    ["x1a", "X1", "detained", "2024-01-01"],
    ["x1b", "X1", "released", "2025-09-11", "negotiated", "op-2025-09-11"],
    ["x2a", "X2", "detained", "2024-01-01"],
    ["x2b", "X2", "released", "2025-09-11", "negotiated", "op-2025-09-11"],
    ["x3", "X3", "detained", "2023-01-01"],
  ]),
);

describe("ledger", () => {
  const entries = ledger({ intervals, operations, measures, diplomaticEvents });

  it("writes one line per operation", () => {
    expect(entries.map((e) => e.summary)).toEqual([
      "14 released (announced); Belavia (national airline) sanctions eased by US 82 days " +
        "later; 3 diplomatic events around it; stock back to its earlier level after 1 day",
      "2 released (documented; 52 announced); Belavia (national airline) sanctions eased by " +
        "US 0 days later; 2 diplomatic events around it; stock not yet back to its earlier level",
      // 09-16 → 12-13 is 88 days: inside the window.
      "25 released (announced); Belavia (national airline) sanctions eased by US 5 days " +
        "earlier; Belaruskali (potash) sanctions lifted by US 88 days later; 3 diplomatic " +
        "events around it; stock back to its earlier level after 1 day",
      "123 released (announced); Belaruskali (potash) sanctions lifted by US 0 days later; " +
        "1 diplomatic event around it; stock back to its earlier level after 1 day",
    ]);
  });

  it("keeps what falls in −30..+90 days, with lags", () => {
    const [june, september] = entries;
    // 06-21 → 09-11 is 82 days, → 09-15 is 86; 09-11 → 12-13 is 93 (outside).
    expect(june?.diplomaticEvents.map((e) => [e.id, e.lagDays])).toEqual([
      ["de-2025-06-21", 0],
      ["de-2025-09-11", 82],
      ["de-2025-09-embassy", 86],
    ]);
    expect(september).toMatchObject({
      operationId: "op-2025-09-11",
      date: "2025-09-11",
      announced: 52,
      releasedDocumented: 2,
      ratioBasis: "documented",
      refillDays: null,
      measures: [
        {
          measureId: "m-belavia",
          authority: "US",
          target: "Belavia (national airline)",
          kind: "sanctions",
          action: "eased",
          date: "2025-09-11",
          lagDays: 0,
        },
      ],
    });
    expect(september?.diplomaticEvents.map((e) => [e.id, e.date, e.lagDays])).toEqual([
      ["de-2025-09-11", "2025-09-11", 0],
      ["de-2025-09-embassy", "2025-09~", 4],
    ]);
  });

  it("takes another window", () => {
    const [, , , december] = ledger(
      { intervals, operations, measures, diplomaticEvents },
      { before: 90, after: 0 },
    );
    // 12-13 back to 09-15 is 89 days, to 09-11 93.
    expect(december?.diplomaticEvents.map((e) => [e.id, e.lagDays])).toEqual([
      ["de-2025-09-embassy", -89],
      ["de-2025-12-13", 0],
    ]);
    expect(december?.measures.map((m) => [m.measureId, m.action, m.lagDays])).toEqual([
      ["m-belaruskali", "lifted", 0],
    ]);
    expect(() =>
      ledger({ intervals, operations, measures, diplomaticEvents }, { before: -1, after: 0 }),
    ).toThrow(RangeError);
  });

  it("says when the number released is unknown", () => {
    const [entry] = ledger({
      intervals: [],
      operations: [{ id: "op", date: range("2024"), announcedCount: null }],
      measures: [],
      diplomaticEvents: [],
    });
    expect(entry?.summary).toBe(
      "number released unknown; stock back to its earlier level after 1 day",
    );
  });
});
