/**
 * A deterministic, seeded generator of a SYNTHETIC Belarus-like registry for the demo:
 * invented people, each with the events of one or more detentions, every record marked
 * synthetic and citing {@link SYNTHETIC_SOURCE}; detention events also cite the synthetic
 * monitoring lists that documented the person (synthetic-lists.ts, for estimation).
 *
 * It works in two phases. `simulateRegistry` (synthetic-sim.ts) decides, day by day on
 * compact tables, who is detained when and how each detention ends, steering the
 * recognized stock toward the monitor's published counts (scaled by people / 8,000) and
 * freeing the announced number of people (scaled the same way) in each real release
 * operation. Then this module renders people, names and events in batches, each person
 * from their own random stream, so that a million people stream in bounded memory:
 *
 * ```ts
 * for (const batch of generateSynthetic({ people: 8000, seed: 1, operations, monitorCounts })) {
 *   await store.insert(batch.people, batch.names, batch.events);
 * }
 * ```
 */
import type {
  CaseEvent,
  Gender,
  MonitorCount,
  Person,
  PersonName,
  ReleaseOperation,
  Source,
} from "../domain/model.ts";
import { dayNumber } from "../domain/partial-date.ts";
import { dateRange, EXACT, fitCode, MONTH, YEAR } from "./synthetic-dates.ts";
import {
  detentionEvents,
  numberEvents,
  type PersonContext,
  SYNTHETIC_SOURCE_ID,
} from "./synthetic-events.ts";
import { listsOfPerson, SYNTHETIC_LISTS } from "./synthetic-lists.ts";
import {
  FEMALE_NAMES,
  femininePatronymicBe,
  femininePatronymicRu,
  feminineSurnameBe,
  feminineSurnameRu,
  latinBgnBelarusian,
  latinFromRussian,
  latinPassport,
  MALE_NAMES,
  SURNAMES,
} from "./synthetic-names.ts";
import { Rng } from "./synthetic-random.ts";
import { FIRST_DAY, simulateRegistry } from "./synthetic-sim.ts";
import { END_KIND, PERSON_FLAG } from "./synthetic-tables.ts";
import { CONDITIONS, OCCUPATIONS, PRE_TRIAL, REGIONS } from "./synthetic-vocab.ts";

export { DEFAULT_PEOPLE as DEFAULT_SYNTHETIC_PEOPLE } from "./synthetic-sim.ts";
export { TARGET_MONITOR as SYNTHETIC_TARGET_MONITOR } from "./synthetic-target.ts";

/** "Today" of the demo registry: events run from 2020-01-01 to this day. */
export const DEFAULT_SYNTHETIC_TODAY = dayNumber(2026, 6, 30);
/** People per batch: bounds the memory a consumer needs. */
export const SYNTHETIC_BATCH_SIZE = 10_000;

export const SYNTHETIC_SOURCE: Source = {
  id: SYNTHETIC_SOURCE_ID,
  title:
    "SYNTHETIC demo registry: invented people and events made by the Turnstile demo generator, calibrated on published aggregate counts (not real data)",
  publisher: "Turnstile demo generator",
  url: null,
  published: null,
  language: "en",
  reliability: "F",
  credibility: "6",
};

/** Every source the synthetic events cite: the demo registry's and the synthetic lists. */
export const SYNTHETIC_SOURCES: readonly Source[] = [SYNTHETIC_SOURCE, ...SYNTHETIC_LISTS];

export interface SyntheticOptions {
  /** Number of distinct people (default size 8,000; counts and operations scale with it). */
  people: number;
  seed: number;
  /** The real release operations: released people are linked to them. */
  operations: ReleaseOperation[];
  /** The monitor's published counts (Viasna's) that the recognized stock follows. */
  monitorCounts: MonitorCount[];
  /** Day number of the last day of the registry (default 2026-06-30). */
  today?: number;
  /** People per batch (default 10,000). */
  batchSize?: number;
}

export interface SyntheticBatch {
  people: Person[];
  names: PersonName[];
  events: CaseEvent[];
}

/** What was generated: the generator's return value. */
export interface SyntheticSummary {
  people: number;
  names: number;
  events: number;
  detentions: number;
  rearrests: number;
  recognizedPeople: number;
  deathsInCustody: number;
  /** People released in each operation, by operation id. */
  operationReleases: Record<string, number>;
}

/**
 * Yields the synthetic registry in batches of at most `batchSize` people with their names
 * and events, and returns a summary. The same options give the same output.
 */
export function* generateSynthetic(
  options: SyntheticOptions,
): Generator<SyntheticBatch, SyntheticSummary, undefined> {
  const { people: size, seed, operations } = options;
  if (!Number.isInteger(size) || size < 0) {
    throw new RangeError(`people must be a whole number ≥ 0; got ${size}`);
  }
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be a number; got ${seed}`);
  const today = options.today ?? DEFAULT_SYNTHETIC_TODAY;
  if (today < FIRST_DAY + 365)
    throw new RangeError("today must be at least a year after 2020-01-01");
  const batchSize = Math.max(1, options.batchSize ?? SYNTHETIC_BATCH_SIZE);
  const registry = simulateRegistry({
    people: size,
    seed,
    operations,
    monitorCounts: options.monitorCounts,
    today,
  });
  const { people, detentions, order } = registry;
  const summary: SyntheticSummary = {
    people: people.count,
    names: 0,
    events: 0,
    detentions: detentions.count,
    rearrests: 0,
    recognizedPeople: 0,
    deathsInCustody: 0,
    operationReleases: Object.fromEntries(
      operations.map((operation, k) => [operation.id, registry.operationReleases[k] ?? 0]),
    ),
  };
  let eventNumber = 1;
  for (let from = 0; from < people.count; from += batchSize) {
    const batch: SyntheticBatch = { people: [], names: [], events: [] };
    for (let rank = from; rank < Math.min(people.count, from + batchSize); rank++) {
      const index = order[rank] as number;
      // Stream 0 drives the simulation; each person draws from their own stream.
      const rng = new Rng(seed, rank + 1);
      const personId = `syn-p${String(rank + 1).padStart(6, "0")}`;
      const firstDetention = people.first[index] as number;
      const ill = ((people.flags[index] as number) & PERSON_FLAG.ill) !== 0;
      const person = renderPerson(personId, ill, detentions.start[firstDetention] as number, rng);
      batch.people.push(person.record);
      batch.names.push(...person.names);
      const ctx: PersonContext = {
        personId,
        female: person.record.gender === "female",
        ill,
        preTrial: rng.pick(PRE_TRIAL[person.record.region ?? "Minsk"] ?? ["SIZO No. 1, Minsk"]),
        operations,
        today,
      };
      const events: CaseEvent[] = [];
      let recognized = false;
      for (let iv = firstDetention; iv >= 0; iv = detentions.next[iv] as number) {
        detentionEvents(detentions, iv, ctx, rng, events);
        if (detentions.rearrest[iv] === 1) summary.rearrests++;
        if ((detentions.rec[iv] as number) >= 0) recognized = true;
        if (detentions.endKind[iv] === END_KIND.died) summary.deathsInCustody++;
      }
      if (recognized) summary.recognizedPeople++;
      const lists = listsOfPerson(seed, rank, recognized);
      if (lists.length > 0) {
        for (const event of events) {
          if (event.type === "detained") event.sourceIds = [...event.sourceIds, ...lists];
        }
      }
      eventNumber = numberEvents(events, eventNumber);
      batch.events.push(...events);
    }
    summary.names += batch.names.length;
    summary.events += batch.events.length;
    yield batch;
  }
  return summary;
}

interface RenderedPerson {
  record: Person;
  names: PersonName[];
}

function renderPerson(id: string, ill: boolean, firstDetained: number, rng: Rng): RenderedPerson {
  const female = rng.chance(0.2);
  const [givenBe, givenRu] = female ? rng.pick(FEMALE_NAMES) : rng.pick(MALE_NAMES);
  const [, , fatherBe, fatherRu] = rng.pick(MALE_NAMES);
  const [surnameBe, surnameRu] = rng.pick(SURNAMES);
  const patronymicBe = female ? femininePatronymicBe(fatherBe) : fatherBe;
  const patronymicRu = female ? femininePatronymicRu(fatherRu) : fatherRu;
  const lastBe = female ? feminineSurnameBe(surnameBe) : surnameBe;
  const lastRu = female ? feminineSurnameRu(surnameRu) : surnameRu;
  const nameLatin = latinPassport(`${givenBe} ${lastBe}`);
  const names: PersonName[] = [
    {
      personId: id,
      name: `${givenRu} ${patronymicRu} ${lastRu}`,
      script: "cyrillic",
      kind: "alias",
    },
  ];
  const spellings = [latinBgnBelarusian(`${givenBe} ${lastBe}`)];
  // The Russian-based spelling is common in the press and in Russian-language documents.
  if (rng.chance(0.6) || spellings[0] === nameLatin)
    spellings.push(latinFromRussian(`${givenRu} ${lastRu}`));
  for (const spelling of new Set(spellings)) {
    if (spelling !== nameLatin) {
      names.push({ personId: id, name: spelling, script: "latin", kind: "transliteration" });
    }
  }

  const age = rng.weighted<readonly [number, number]>([
    [[18, 29], 22],
    [[30, 44], 43],
    [[45, 59], 25],
    [[60, 75], 10],
  ]);
  const years = rng.int(age[0], age[1]);
  const born = firstDetained - Math.floor(years * 365.25) - rng.int(0, 364);
  const u = rng.next();
  const birthCode = u < 0.12 ? YEAR : u < 0.15 ? MONTH : EXACT;
  const birthDate = u > 0.96 ? null : dateRange(born, fitCode(born, birthCode, 0, firstDetained));

  let occupation = rng.weighted(OCCUPATIONS);
  if (years < 23 && rng.chance(0.5)) occupation = "student";
  if (years >= 63 && rng.chance(0.6)) occupation = "pensioner";
  const health = ill
    ? [...new Set([rng.pick(CONDITIONS), ...(rng.chance(0.3) ? [rng.pick(CONDITIONS)] : [])])].join(
        "; ",
      )
    : null;

  // Default private: public only with consent granted, about a quarter of the records.
  const v = rng.next();
  const visibility = v < 0.25 ? "public" : v < 0.7 ? "restricted" : "private";
  const consent =
    visibility === "public"
      ? "granted"
      : rng.weighted<Person["consent"]>([
          ["unknown", 55],
          ["withheld", 30],
          ["granted", visibility === "restricted" ? 15 : 0],
        ]);
  const gender: Gender = female ? "female" : "male";
  return {
    record: {
      id,
      name: `${givenBe} ${patronymicBe} ${lastBe}`,
      nameLatin,
      birthDate,
      gender,
      region: rng.weighted(REGIONS),
      occupation: rng.chance(0.08) ? null : occupation,
      health,
      visibility,
      consent,
      synthetic: true,
    },
    names,
  };
}
