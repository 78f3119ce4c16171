import { beforeAll, describe, expect, it } from "vitest";
import { rowParsers } from "../domain/bundle-schema.ts";
import type { CaseEvent, MonitorCount, Person, ReleaseOperation } from "../domain/model.ts";
import { dayNumber, middleDay, parsePartialDate } from "../domain/partial-date.ts";
import { readBundle } from "./bundle-reader.ts";
import { PUBLIC_DATA_DIR } from "./public-data.ts";
import {
  DEFAULT_SYNTHETIC_TODAY,
  generateSynthetic,
  SYNTHETIC_SOURCE,
  type SyntheticBatch,
  type SyntheticOptions,
  type SyntheticSummary,
} from "./synthetic.ts";
import { listsOfPerson, SYNTHETIC_LISTS } from "./synthetic-lists.ts";
import { latinBgnBelarusian, latinFromRussian, latinPassport } from "./synthetic-names.ts";

const public_ = readBundle(PUBLIC_DATA_DIR);
const operations: ReleaseOperation[] = public_.bundle.operations;
const monitorCounts: MonitorCount[] = public_.bundle.monitorCounts;
const FIRST = dayNumber(2020, 1, 1);

interface Generated extends SyntheticBatch {
  batches: number[];
  summary: SyntheticSummary;
}

function generate(people: number, seed = 1, extra: Partial<SyntheticOptions> = {}): Generated {
  const all: Generated = { people: [], names: [], events: [], batches: [], summary: {} as never };
  const generator = generateSynthetic({ people, seed, operations, monitorCounts, ...extra });
  for (let step = generator.next(); ; step = generator.next()) {
    if (step.done) {
      all.summary = step.value;
      return all;
    }
    all.batches.push(step.value.people.length);
    all.people.push(...step.value.people);
    all.names.push(...step.value.names);
    all.events.push(...step.value.events);
  }
}

const mid = (event: CaseEvent) => middleDay(event.date.first, event.date.last);
const RANK: Partial<Record<CaseEvent["type"], number>> = {
  detained: 0,
  released: 1,
  died_in_custody: 1,
};

interface Span {
  start: number;
  end: number;
}

/**
 * Reference implementation of DESIGN.md's detention intervals, written independently of
 * the generator: closings paired with the open detention in order of middles, each end
 * narrowing the other. Returns the intervals (half-open, on middles) and the problems.
 */
function intervalsOf(events: CaseEvent[]): { spans: Span[]; problems: number } {
  const sorted = events
    .filter((e) => e.type in RANK)
    .sort((a, b) => mid(a) - mid(b) || (RANK[a.type] as number) - (RANK[b.type] as number));
  const spans: Span[] = [];
  let problems = 0;
  let open: CaseEvent | null = null;
  for (const event of sorted) {
    if (event.type === "detained") {
      if (open === null) open = event;
      else problems++;
    } else if (open === null) {
      problems++;
    } else {
      const startLast = Math.min(open.date.last, event.date.last);
      const endFirst = Math.max(event.date.first, open.date.first);
      spans.push({
        start: middleDay(open.date.first, startLast),
        end: middleDay(endFirst, event.date.last),
      });
      open = null;
    }
  }
  if (open !== null) spans.push({ start: mid(open), end: Number.POSITIVE_INFINITY });
  return { spans, problems };
}

/** Recognized on `day`: the latest Viasna recognition or withdrawal up to it is a recognition. */
function recognizedOn(events: CaseEvent[], day: number): boolean {
  let latest: CaseEvent | null = null;
  for (const e of events) {
    if (e.monitor !== "Viasna" || mid(e) > day) continue;
    if (e.type !== "recognized" && e.type !== "recognition_withdrawn") continue;
    if (latest === null || mid(e) >= mid(latest)) latest = e;
  }
  return latest?.type === "recognized";
}

function byPerson(events: CaseEvent[]): Map<string, CaseEvent[]> {
  const map = new Map<string, CaseEvent[]>();
  for (const e of events) {
    const list = map.get(e.personId);
    if (list) list.push(e);
    else map.set(e.personId, [e]);
  }
  return map;
}

function recognizedStock(events: CaseEvent[], days: number[]): number[] {
  const counts = days.map(() => 0);
  for (const list of byPerson(events).values()) {
    const { spans } = intervalsOf(list);
    days.forEach((day, k) => {
      if (spans.some((s) => s.start <= day && day < s.end) && recognizedOn(list, day)) {
        counts[k] = (counts[k] as number) + 1;
      }
    });
  }
  return counts;
}

/** The published counts the registry must match: Viasna's, from 2021 on. */
const CHECKED = monitorCounts.filter((c) => c.monitor === "Viasna" && c.asOf.first >= FIRST + 366);

function calibrationFailures(data: Generated, scale: number): string[] {
  const days = CHECKED.map((c) => middleDay(c.asOf.first, c.asOf.last));
  const stock = recognizedStock(data.events, days);
  const failures: string[] = [];
  CHECKED.forEach((count, k) => {
    const expected = count.value * scale;
    const got = stock[k] as number;
    const ok =
      count.qualifier === "more_than"
        ? got >= expected * 0.85
        : count.qualifier === "fewer_than"
          ? got <= expected * 1.15
          : Math.abs(got / expected - 1) <= 0.15;
    if (!ok) failures.push(`${count.id} (${count.qualifier} ${expected}): ${got}`);
  });
  return failures;
}

describe("generateSynthetic at the default size", () => {
  let data: Generated;
  beforeAll(() => {
    expect(public_.problems).toEqual([]);
    data = generate(8_000);
  });

  it("has about 8,000 people and 60,000 events, in bounded batches", () => {
    expect(data.people).toHaveLength(8_000);
    expect(data.events.length).toBeGreaterThan(50_000);
    expect(data.events.length).toBeLessThan(70_000);
    expect(data.batches).toEqual([8_000]);
    expect(data.summary.people).toBe(8_000);
    expect(data.summary.events).toBe(data.events.length);
  });

  it("keeps Viasna's recognized stock within 15% of each published count from 2021 on", () => {
    expect(CHECKED.length).toBeGreaterThanOrEqual(10);
    expect(calibrationFailures(data, 1)).toEqual([]);
  });

  it("frees the announced number of people in each real operation, by its mechanism", () => {
    const mechanismOf = { negotiated: "negotiated", amnesty: "amnesty", pardon: "pardon" } as const;
    for (const operation of operations) {
      const released = data.events.filter((e) => e.operationId === operation.id);
      expect(released.length, operation.id).toBe(operation.announcedCount);
      for (const event of released) {
        expect(event.type).toBe("released");
        expect(event.mechanism).toBe(mechanismOf[operation.kind as keyof typeof mechanismOf]);
        expect(event.date.text).toBe(operation.date.text);
      }
      expect(data.summary.operationReleases[operation.id]).toBe(operation.announcedCount);
    }
  });

  it("gives every person at least one detention and well-formed intervals", () => {
    const events = byPerson(data.events);
    let problems = 0;
    for (const person of data.people) {
      const list = events.get(person.id) ?? [];
      expect(
        list.some((e) => e.type === "detained"),
        person.id,
      ).toBe(true);
      problems += intervalsOf(list).problems;
    }
    expect(problems).toBe(0);
    expect(events.size).toBe(data.people.length);
  });

  it("dates every event within 2020-01-01..today, as valid partial dates", () => {
    let partial = 0;
    for (const event of data.events) {
      expect(event.date.first).toBeGreaterThanOrEqual(FIRST);
      expect(event.date.last).toBeLessThanOrEqual(DEFAULT_SYNTHETIC_TODAY);
      const parsed = parsePartialDate(event.date.text);
      expect([parsed.first, parsed.last]).toEqual([event.date.first, event.date.last]);
      if (parsed.precision !== "day" || parsed.approximate) partial++;
    }
    // A realistic minority of month, year or approximate dates.
    expect(partial / data.events.length).toBeGreaterThan(0.03);
    expect(partial / data.events.length).toBeLessThan(0.15);
  });

  it("never makes a record public without consent, and publishes about a quarter", () => {
    const isPublic = (p: Person) => p.visibility === "public";
    for (const person of data.people) {
      if (isPublic(person)) expect(person.consent).toBe("granted");
      expect(person.synthetic).toBe(true);
    }
    const share = data.people.filter(isPublic).length / data.people.length;
    expect(share).toBeGreaterThan(0.22);
    expect(share).toBeLessThan(0.28);
  });

  it("cites the synthetic source on every event and uses stable, readable ids", () => {
    expect(SYNTHETIC_SOURCE.id).toBe("synthetic-demo");
    expect(SYNTHETIC_SOURCE.title).toMatch(/synthetic/i);
    expect(data.people[0]?.id).toBe("syn-p000001");
    expect(data.events[0]?.id).toBe("syn-e0000001");
    expect(new Set(data.events.map((e) => e.id)).size).toBe(data.events.length);
    for (const event of data.events) expect(event.sourceIds[0]).toBe("synthetic-demo");
  });

  it("also cites the synthetic lists on detention events, each person on each list by chance", () => {
    expect(SYNTHETIC_LISTS.map((s) => s.id)).toEqual([
      "synthetic-list-a",
      "synthetic-list-b",
      "synthetic-list-c",
      "synthetic-list-d",
    ]);
    for (const source of SYNTHETIC_LISTS)
      expect(source.title).toMatch(/^Synthetic list [A-D] \(demo\)/);
    const listIds = new Set(SYNTHETIC_LISTS.map((s) => s.id));
    const byPerson = new Map<string, Set<string>>();
    for (const event of data.events) {
      const lists = event.sourceIds.filter((id) => listIds.has(id));
      if (event.type !== "detained") expect(lists).toEqual([]);
      const set = byPerson.get(event.personId) ?? new Set<string>();
      for (const id of lists) set.add(id);
      byPerson.set(event.personId, set);
    }
    // Every list catches some and misses some; some people are on none, some on all four.
    const share = (id: string) =>
      [...byPerson.values()].filter((s) => s.has(id)).length / byPerson.size;
    const shares = SYNTHETIC_LISTS.map((s) => share(s.id));
    expect(shares[0]).toBeGreaterThan(shares[3] as number);
    for (const p of shares) {
      expect(p).toBeGreaterThan(0.1);
      expect(p).toBeLessThan(0.8);
    }
    const sizes = [...byPerson.values()].map((s) => s.size);
    expect(sizes.filter((n) => n === 0).length).toBeGreaterThan(0);
    expect(sizes.filter((n) => n === 4).length).toBeGreaterThan(0);
    // Heterogeneous capture: being on A makes B likelier (positive dependence).
    const onA = [...byPerson.values()].filter((s) => s.has("synthetic-list-a"));
    const offA = [...byPerson.values()].filter((s) => !s.has("synthetic-list-a"));
    const bGiven = (group: Set<string>[]) =>
      group.filter((s) => s.has("synthetic-list-b")).length / group.length;
    expect(bGiven(onA)).toBeGreaterThan(bGiven(offA) + 0.15);
    // Same seed, same lists.
    expect(listsOfPerson(1, 41, true)).toEqual(listsOfPerson(1, 41, true));
  });

  it("writes rows that the interchange bundle's schemas accept", () => {
    const text = (value: string | number | null) => (value === null ? "" : String(value));
    for (const event of data.events.slice(0, 5_000)) {
      const row = rowParsers.events({
        id: event.id,
        person_id: event.personId,
        type: event.type,
        date: event.date.text,
        mechanism: text(event.mechanism),
        operation_id: text(event.operationId),
        monitor: text(event.monitor),
        facility: text(event.facility),
        articles: text(event.articles),
        sentence_months: text(event.sentenceMonths),
        description: text(event.description),
        source_id: event.sourceIds.join(";"),
      });
      expect(row.ok, JSON.stringify(row)).toBe(true);
    }
    for (const person of data.people.slice(0, 2_000)) {
      const row = rowParsers.people({
        id: person.id,
        name: person.name,
        name_latin: text(person.nameLatin),
        birth_date: text(person.birthDate?.text ?? null),
        gender: text(person.gender),
        region: text(person.region),
        occupation: text(person.occupation),
        health: text(person.health),
        visibility: person.visibility,
        consent: person.consent,
      });
      expect(row.ok, JSON.stringify(row)).toBe(true);
    }
  });

  it("has the ingredients of a Belarus-like registry", () => {
    const count = (type: CaseEvent["type"]) => data.events.filter((e) => e.type === type).length;
    const recognizedPeople = new Set(
      data.events.filter((e) => e.type === "recognized").map((e) => e.personId),
    );
    // Most detainees, not all, are recognized by Viasna.
    expect(recognizedPeople.size / data.people.length).toBeGreaterThan(0.5);
    expect(recognizedPeople.size / data.people.length).toBeLessThan(0.8);
    expect(data.summary.recognizedPeople).toBe(recognizedPeople.size);
    expect(count("died_in_custody")).toBe(7);
    expect(count("recognition_withdrawn")).toBeGreaterThan(0);
    for (const type of [
      "incommunicado",
      "health",
      "transferred",
      "contact",
      "ill_treatment",
    ] as const) {
      expect(count(type), type).toBeGreaterThan(0);
    }
    expect(data.summary.rearrests).toBeGreaterThan(50);
    const ill = data.people.filter((p) => p.health !== null).length / data.people.length;
    expect(ill).toBeGreaterThan(0.05);
    expect(ill).toBeLessThan(0.2);
    const endOfTerm = data.events.filter((e) => e.mechanism === "end_of_term").length;
    expect(endOfTerm).toBeGreaterThan(1_000);
    // The protest wave: more people first detained from August 2020 to mid-2021 than in
    // any later year of the same length.
    const firstDetained = byPerson(data.events);
    const wave = [...firstDetained.values()].filter((list) => {
      const day = (list[0] as CaseEvent).date.first;
      return day >= dayNumber(2020, 8, 1) && day < dayNumber(2021, 8, 1);
    }).length;
    expect(wave).toBeGreaterThan(data.people.length * 0.3);
  });

  it("names people in Belarusian and Russian Cyrillic with Latin spellings", () => {
    let withLatinVariant = 0;
    const people = data.people.slice(0, 1_000);
    for (const person of people) {
      expect(person.name).toMatch(/^[А-Яа-яЁёІіЎў' ]+$/);
      expect(person.nameLatin).toMatch(/^[A-Za-z' ]+$/);
      const names = data.names.filter((n) => n.personId === person.id);
      expect(names.filter((n) => n.script === "cyrillic" && n.kind === "alias")).toHaveLength(1);
      if (names.some((n) => n.script === "latin")) withLatinVariant++;
      expect(new Set([person.nameLatin, ...names.map((n) => n.name)]).size).toBe(names.length + 1);
    }
    // Only names spelled alike in every system ("Anton Kravets") have no Latin variant.
    expect(withLatinVariant / people.length).toBeGreaterThan(0.95);
  });
});

describe("synthetic names", () => {
  it.each([
    ["Сяргей Кавалёў", "Siarhei Kavaliou", "Syarhey Kavalyow"],
    ["Аляксандр Ляўкоўскі", "Aliaksandr Liaukouski", "Alyaksandr Lyawkowski"],
    ["Кацярына Дамброўская", "Katsiaryna Dambrouskaya", "Katsyaryna Dambrowskaya"],
    ["Яўген Гаўрылюк", "Yauhen Hauryliuk", "Yawhen Hawrylyuk"],
  ])("transliterates %s", (belarusian, passport, bgn) => {
    expect(latinPassport(belarusian)).toBe(passport);
    expect(latinBgnBelarusian(belarusian)).toBe(bgn);
  });

  it("transliterates Russian forms", () => {
    expect(latinFromRussian("Сергей Ковалёв")).toBe("Sergey Kovalyov");
    expect(latinFromRussian("Наталья Юрьевна")).toBe("Natalya Yuryevna");
  });
});

describe("generateSynthetic across seeds and sizes", () => {
  it("gives the same registry for the same seed, another for another seed", () => {
    const a = generate(1_500, 7);
    const b = generate(1_500, 7);
    expect(b).toEqual(a);
    const c = generate(1_500, 8);
    expect(c.people.map((p) => p.name)).not.toEqual(a.people.map((p) => p.name));
    expect(c.events.length).not.toBe(a.events.length);
  });

  it("scales people, counts and operations with the size, in batches of at most 10,000", () => {
    const size = 24_000;
    const data = generate(size, 3);
    expect(data.people).toHaveLength(size);
    expect(data.batches).toEqual([10_000, 10_000, 4_000]);
    expect(calibrationFailures(data, size / 8_000)).toEqual([]);
    for (const operation of operations) {
      const released = data.events.filter((e) => e.operationId === operation.id).length;
      expect(released, operation.id).toBe(Math.round((operation.announcedCount ?? 0) * 3));
    }
    expect(data.events.filter((e) => e.type === "died_in_custody")).toHaveLength(21);
  });

  it("keeps every batch self-contained: events and names follow their person", () => {
    const generator = generateSynthetic({
      people: 2_500,
      seed: 5,
      operations,
      monitorCounts,
      batchSize: 1_000,
    });
    const sizes: number[] = [];
    for (const batch of generator) {
      sizes.push(batch.people.length);
      const ids = new Set(batch.people.map((p) => p.id));
      for (const event of batch.events) expect(ids.has(event.personId)).toBe(true);
      for (const name of batch.names) expect(ids.has(name.personId)).toBe(true);
    }
    expect(sizes).toEqual([1_000, 1_000, 500]);
  });

  it("gives the same records whatever the batch size", () => {
    const whole = generate(2_500, 5);
    const batched = generate(2_500, 5, { batchSize: 700 });
    expect(batched.batches).toEqual([700, 700, 700, 400]);
    expect(batched.events).toEqual(whole.events);
    expect(batched.people).toEqual(whole.people);
  });

  it("works at small sizes and rejects nonsense", () => {
    expect(generate(50, 1).people).toHaveLength(50);
    expect(generate(0, 1).people).toHaveLength(0);
    expect(() => generate(-1)).toThrow(RangeError);
    expect(() => generate(1.5)).toThrow(RangeError);
  });
});
