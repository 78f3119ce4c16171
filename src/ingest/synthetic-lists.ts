/**
 * Synthetic monitoring lists for the demo: four invented sources that each document some
 * of the synthetic people, so that multiple systems estimation (docs/ESTIMATION.md) has
 * overlapping lists to work on. Every event still cites `synthetic-demo` (ADR 0002); a
 * person's detention events also cite the lists that "documented" them.
 *
 * Capture is heterogeneous on purpose, as it is in real monitoring: each person has a
 * visibility drawn once (some cases are loud, some quiet), recognized political prisoners
 * are easier to find, and lists A and B (one publisher) share their leads. Estimators that
 * assume independent, homogeneous lists therefore undercount, and the demo shows why the
 * log-linear models with interactions matter.
 */
import type { Source } from "../domain/model.ts";
import { Rng } from "./synthetic-random.ts";

interface ListSpec {
  source: Source;
  /** Log-odds of being on the list for a person of average visibility, not recognized. */
  base: number;
}

function listSource(letter: string, publisher: string): Source {
  return {
    id: `synthetic-list-${letter.toLowerCase()}`,
    title: `Synthetic list ${letter} (demo): invented monitoring list made by the Turnstile demo generator (not real data)`,
    publisher,
    url: null,
    published: null,
    language: "en",
    reliability: "F",
    credibility: "6",
  };
}

const NETWORK = "Synthetic monitor network (demo)";

const LISTS: readonly ListSpec[] = [
  { source: listSource("A", NETWORK), base: 0.2 },
  { source: listSource("B", NETWORK), base: -0.6 },
  { source: listSource("C", "Synthetic press digest (demo)"), base: -1.0 },
  { source: listSource("D", "Synthetic court watch (demo)"), base: -1.6 },
];

/** The sources of the synthetic lists, in list order. */
export const SYNTHETIC_LISTS: readonly Source[] = LISTS.map((l) => l.source);

/** Spread (log-odds) of a person's visibility across all lists. */
const VISIBILITY_SD = 1.0;
/** Recognized political prisoners are easier to find. */
const RECOGNIZED_BONUS = 0.8;
/** Being on list A raises the odds of list B (the same publisher shares its leads). */
const SHARED_LEADS = 0.8;
/** Separates the lists' random streams from the people's and the simulation's. */
const LIST_SEED_SALT = 0x6c697374;

function logistic(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/**
 * The ids of the synthetic lists that document the person of rank `rank`, drawn from
 * their own random stream (so the rest of the registry is the same with or without them).
 */
export function listsOfPerson(seed: number, rank: number, recognized: boolean): string[] {
  const rng = new Rng((seed ^ LIST_SEED_SALT) >>> 0, rank + 1);
  const u1 = rng.next() || Number.MIN_VALUE;
  const z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * rng.next());
  const shift = VISIBILITY_SD * z + (recognized ? RECOGNIZED_BONUS : 0);
  const on: string[] = [];
  let onA = false;
  LISTS.forEach((list, i) => {
    const lead = i === 1 && onA ? SHARED_LEADS : 0;
    if (rng.chance(logistic(list.base + shift + lead))) {
      on.push(list.source.id);
      if (i === 0) onA = true;
    }
  });
  return on;
}
