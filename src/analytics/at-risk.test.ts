import { describe, expect, it } from "vitest";
import { day, intervalEvents } from "../../test/fixtures/analytics-events.ts";
import { parsePartialDate } from "../domain/partial-date.ts";
import { atRisk, fullYears, lastSignsOfLife, type PersonFacts } from "./at-risk.ts";
import { deriveIntervals } from "./intervals.ts";

const asOf = day("2025-09-01");

const { intervals } = deriveIntervals(
  intervalEvents([
    ["p1", "P1", "detained", "2019-03-01"],
    ["p2", "P2", "detained", "2025-08-01"],
    ["p3", "P3", "detained", "2024-01-10"],
    ["p4", "P4", "detained", "2020"],
    ["p5a", "P5", "detained", "2020-01-01"],
    ["p5b", "P5", "released", "2025-06-01", "pardon"],
    ["p6", "P6", "detained", "2025-06-01"],
    ["p7", "P7", "detained", "2025-09-01"],
    ["p8", "P8", "detained", "2025-05-01"],
  ]),
);

function born(personId: string, birth: string | null, health: string | null): PersonFacts {
  const date = birth === null ? null : parsePartialDate(birth);
  return { personId, birthFirst: date?.first ?? null, birthLast: date?.last ?? null, health };
}

const people = [
  born("P1", "1960", "diabetes"),
  born("P2", "1965", " "),
  born("P3", null, null),
  born("P4", "1990-04-04", null),
  born("P5", "1950", "asthma"),
  born("P6", "1970-09-02", null),
];

// Contacts and other events; P3's contact after asOf does not count on asOf.
const signs = lastSignsOfLife(
  [
    ["P1", "2025-07-15"],
    ["P2", "2025-08-20"],
    ["P3", "2024-03-01"],
    ["P3", "2025-12-01"],
    ["P4", "2025-08"],
    ["P6", "2025-08-30"],
  ].map(([personId, date]) => ({
    personId: personId as string,
    ...parsePartialDate(date as string),
  })),
  asOf,
);

describe("atRisk", () => {
  it("lists held people with their reasons, most reasons first, then longest held", () => {
    expect(atRisk(intervals, people, signs, { asOf })).toEqual([
      {
        personId: "P1",
        heldSince: "2019-03-01",
        heldDays: 2376,
        reasons: [
          { kind: "health", certain: true, detail: "diabetes" },
          {
            kind: "elderly",
            certain: true,
            detail: "aged 60 or more (born 1960-01-01..1960-12-31)",
          },
          {
            kind: "long_held",
            certain: true,
            detail: "held for 5 years or more (since 2019-03-01)",
          },
        ],
      },
      {
        // 2020 is a leap year: its middle is 2020-01-01 + 182 days = 07-01.
        personId: "P4",
        heldSince: "2020-07-01",
        heldDays: 1888,
        reasons: [
          {
            kind: "long_held",
            certain: false,
            detail: "possibly held for 5 years or more (since 2020-01-01..2020-12-31)",
          },
        ],
      },
      {
        personId: "P3",
        heldSince: "2024-01-10",
        heldDays: 600,
        reasons: [
          {
            kind: "no_sign_of_life",
            certain: true,
            detail: "no sign of life for 549 days (last 2024-03-01)",
          },
        ],
      },
      {
        // No facts and no event but the detention, 123 days ago.
        personId: "P8",
        heldSince: "2025-05-01",
        heldDays: 123,
        reasons: [
          {
            kind: "no_sign_of_life",
            certain: true,
            detail: "no sign of life for 123 days (last 2025-05-01)",
          },
        ],
      },
      {
        personId: "P2",
        heldSince: "2025-08-01",
        heldDays: 31,
        reasons: [
          {
            kind: "elderly",
            certain: false,
            detail: "possibly aged 60 or more (born 1965-01-01..1965-12-31)",
          },
        ],
      },
    ]);
  });

  it("takes other thresholds", () => {
    const rows = atRisk(intervals, people, signs, {
      asOf,
      silenceDays: 1,
      longHeldYears: 1,
      elderlyAge: 55,
    });
    const reasons = Object.fromEntries(rows.map((r) => [r.personId, r.reasons.map((x) => x.kind)]));
    // P6 turns 55 on 2025-09-02, the day after.
    expect(reasons).toEqual({
      P1: ["health", "elderly", "no_sign_of_life", "long_held"],
      P2: ["elderly", "no_sign_of_life"],
      P3: ["no_sign_of_life", "long_held"],
      P4: ["no_sign_of_life", "long_held"],
      P6: ["no_sign_of_life"],
      P8: ["no_sign_of_life"],
    });
  });
});

describe("fullYears", () => {
  const table: [string, string, number][] = [
    ["1960-09-01", "2020-09-01", 60],
    ["1960-09-02", "2020-09-01", 59],
    ["2000-02-29", "2018-02-28", 17],
    ["2000-02-29", "2018-03-01", 18],
  ];
  it.each(table)("from %s to %s: %i", (from, to, years) => {
    expect(fullYears(day(from), day(to))).toBe(years);
  });
});
