/**
 * Who acts in a sentence: states and their capitals ("Washington" → US), well-known leaders,
 * monitors (Viasna), sanction targets (Belavia), and envoys named after their title
 * ("l'envoyé spécial John Coale", "спецпосланника Джона Коула" → "Джон Коул").
 */
import { findAll, words } from "./text.ts";
import type { Language } from "./types.ts";

export interface ActorMention {
  /** Canonical name: "US", "EU", "Belarus", "Alexander Lukashenko". */
  name: string;
  kind: "state" | "person";
  /** May impose sanctions (Belarus is the one sanctioned here). */
  sanctioning: boolean;
  start: number;
  end: number;
  text: string;
}

interface Entry {
  name: string;
  kind: "state" | "person";
  sanctioning: boolean;
  // Case-sensitive: "US" is not "us", "EU" not "eu".
  pattern: string;
}

const ACTORS: Entry[] = [
  {
    name: "US",
    kind: "state",
    sanctioning: true,
    pattern:
      "Washington|(?:les |des |aux )?[ÉE]tats-Unis|[Aa]méricain\\p{L}*|la Maison[- ]Blanche|le Département d'État|le Trésor américain|(?:the )?United States|(?:the )?U\\.S\\.?|US|American|(?:the )?White House|(?:the )?State Department|(?:the )?(?:US )?Treasury(?: Department)?|Вашингтон\\p{L}*|США|Соединенн\\p{L}* Штат\\p{L}*|[Аа]мериканск\\p{L}*|Белый дом|Бело\\p{L}* дом\\p{L}*|Госдепартамент\\p{L}*|Госдеп\\p{L}*|Минфин\\p{L}* США",
  },
  {
    name: "EU",
    kind: "state",
    sanctioning: true,
    pattern:
      "l'Union européenne|Union européenne|l'UE|UE|Bruxelles|(?:the )?European Union|(?:the )?EU|Brussels|Евросоюз\\p{L}*|ЕС|Европейск\\p{L}* союз\\p{L}*|Брюссел\\p{L}*",
  },
  {
    name: "UK",
    kind: "state",
    sanctioning: true,
    pattern:
      "(?:le )?Royaume-Uni|Londres|[Bb]ritanni\\p{L}*|(?:the )?United Kingdom|(?:the )?UK|Britain|British|London|Великобритани\\p{L}*|Лондон\\p{L}*|[Бб]ританск\\p{L}*",
  },
  {
    name: "Lithuania",
    kind: "state",
    sanctioning: true,
    pattern: "(?:la )?Lituanie|Vilnius|Lithuania|Литв\\p{L}*|Вильнюс\\p{L}*",
  },
  {
    name: "Poland",
    kind: "state",
    sanctioning: true,
    pattern: "(?:la )?Pologne|Varsovie|Poland|Warsaw|Польш\\p{L}*|Варшав\\p{L}*",
  },
  {
    name: "Ukraine",
    kind: "state",
    sanctioning: true,
    pattern: "(?:l')?Ukraine|Kyiv|Kiev|Украин\\p{L}*|Киев\\p{L}*",
  },
  {
    name: "Belarus",
    kind: "state",
    sanctioning: false,
    pattern:
      "(?:le |du |au )?Bélarus|Belarus|(?:la )?Biélorussie|[Bb]élarussien\\p{L}*|[Bb]iélorusse\\p{L}*|Minsk|Belarusian|Belarussian|Беларус\\p{L}*|Белорусси\\p{L}*|[Бб]елорусск\\p{L}*|Минск\\p{L}*",
  },
  {
    name: "Russia",
    kind: "state",
    sanctioning: false,
    pattern:
      "(?:la )?Russie|Moscou|Russia|Moscow|(?:the )?Kremlin|Росси\\p{L}*|Москв\\p{L}*|Кремл\\p{L}*",
  },
  {
    name: "Alexander Lukashenko",
    kind: "person",
    sanctioning: false,
    pattern:
      "(?:Alexandre |Alexander |Aliaksandr )?(?:Loukachenko|Lukashenko|Lukashenka)|(?:Александр\\p{L}* )?Лукашенк\\p{L}*",
  },
];
const ACTOR_RES = ACTORS.map((entry) => ({ entry, re: words(entry.pattern, "gu") }));

/** Every actor of the gazetteer in `norm` (offsets + `offset`), the longest where they overlap. */
export function findActors(norm: string, offset = 0): ActorMention[] {
  const found: ActorMention[] = [];
  for (const { entry, re } of ACTOR_RES) {
    for (const m of findAll(re, norm, offset)) {
      if (found.some((f) => f.start < m.end && m.start < f.end)) continue;
      found.push({ ...entry, start: m.start, end: m.end, text: m.text });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

const WHOLE_ACTOR_RES = ACTORS.map((entry) => ({
  name: entry.name,
  re: new RegExp(`^(?:${entry.pattern})$`, "u"),
}));

/**
 * The actors of a `;`-separated list by their canonical names, sorted, so that "United
 * States" in the registry and "US" in a draft are the same actor; a name the gazetteer
 * does not know stands for itself (case and spaces aside).
 */
export function canonicalActors(list: string | null): string[] {
  const names = new Set<string>();
  for (const part of (list ?? "").split(";")) {
    const text = part.trim().replace(/\s+/g, " ");
    if (text === "") continue;
    const known = WHOLE_ACTOR_RES.find(({ re }) => re.test(text));
    names.add(known ? known.name : text.toLowerCase());
  }
  return [...names].sort();
}

/** Monitors whose counts of political prisoners are recorded (canonical name → pattern). */
export const MONITORS: { name: string; re: RegExp }[] = [
  { name: "Viasna", re: words("Viasna|Vyasna|Spring\\s?96|Вясна|Весна|Вясны|Весны", "gu") },
];

/** Well-known sanction targets, canonical name first. */
const TARGETS: { name: string; re: RegExp }[] = [
  { name: "Belavia", re: words("Belavia|Белавиа|Белавія", "giu") },
  { name: "Belaruskali", re: words("Belaruskali|Belarouskali|Беларуськали\\p{L}*", "giu") },
  { name: "Grodno Azot", re: words("Grodno ?Azot|Гродно ?Азот\\p{L}*", "giu") },
  { name: "Naftan", re: words("Naftan|Нафтан\\p{L}*", "giu") },
  { name: "Belshina", re: words("Belshina|Белшин\\p{L}*", "giu") },
];

/** Places an embassy can be in, canonical name → forms (Russian locative included). */
const PLACES: { name: string; re: RegExp }[] = [
  { name: "Minsk", re: words("Minsk|Минск\\p{L}*", "gu") },
  { name: "Washington", re: words("Washington|Вашингтон\\p{L}*", "gu") },
  { name: "Vilnius", re: words("Vilnius|Вильнюс\\p{L}*", "gu") },
  { name: "Warsaw", re: words("Warsaw|Varsovie|Варшав\\p{L}*", "gu") },
  { name: "Moscow", re: words("Moscow|Moscou|Москв\\p{L}*", "gu") },
  { name: "Kyiv", re: words("Kyiv|Kiev|Киев\\p{L}*", "gu") },
];

export interface Named {
  name: string;
  start: number;
  end: number;
  text: string;
  /** True when taken from capitalized words rather than a list of known names. */
  guessed: boolean;
}

function firstOf(list: { name: string; re: RegExp }[], norm: string, offset: number) {
  let best: Named | null = null;
  for (const { name, re } of list) {
    const [m] = findAll(re, norm, offset);
    if (m && (!best || m.start < best.start))
      best = { name, start: m.start, end: m.end, text: m.text, guessed: false };
  }
  return best;
}

/** The first place named in `norm`, canonical. */
export function findPlace(norm: string, offset = 0): Named | null {
  return firstOf(PLACES, norm, offset);
}

const CAPITALIZED =
  /«([^»]{2,60})»|"([^"]{2,60})"|(\p{Lu}[\p{L}'-]*(?:\s+\p{Lu}[\p{L}'-]*){0,3})/gu;

/**
 * The target of a sanction in `norm` (the text after "visant", "on", "против"…): a known
 * target, else a quoted name, else the first run of capitalized words that is not an actor.
 */
export function findTarget(norm: string, offset: number): Named | null {
  const known = firstOf(TARGETS, norm, offset);
  if (known) return known;
  for (const m of findAll(CAPITALIZED, norm, offset)) {
    const name = (m.groups[0] ?? m.groups[1] ?? m.groups[2] ?? "").trim();
    if (findActors(name).length > 0) {
      const [actor] = findActors(name);
      if (actor?.name === "Belarus" && actor.text.length === name.length) {
        return { name: "Belarus", start: m.start, end: m.end, text: m.text, guessed: false };
      }
      continue;
    }
    return { name, start: m.start, end: m.end, text: m.text, guessed: true };
  }
  return null;
}

const ENVOY: Record<Language, RegExp> = {
  fr: words(
    "envoyé\\p{L}* spécia\\p{L}*|émissaire\\p{L}*|représentant\\p{L}* spécia\\p{L}*|médiateur\\p{L}*",
  ),
  en: words("(?:special\\s+)?envoy|emissary|mediator|special\\s+representative"),
  ru: words(
    "спецпосланник\\p{L}*|специальн\\p{L}*\\s+посланник\\p{L}*|посланник\\p{L}*|спецпредставител\\p{L}*|специальн\\p{L}*\\s+представител\\p{L}*|посредник\\p{L}*",
  ),
};

const NAME =
  /\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?(?:\s+\p{Lu}\.)?(?:\s+\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?){1,2}/gu;

/** Russian masculine names after a title in an oblique case, back to the nominative. */
function nominative(name: string, title: string): { name: string; changed: boolean } {
  const lower = title.toLowerCase();
  let strip: RegExp | null = null;
  if (/(?:ом|ем)$/.test(lower)) strip = /(?:ом|ем)$/;
  else if (/[ая]$/.test(lower)) strip = /[ая]$/;
  else if (/[ую]$/.test(lower)) strip = /[ую]$/;
  if (!strip) return { name, changed: false };
  const re = strip;
  const parts = name.split(/\s+/).map((part) => part.replace(re, ""));
  const result = parts.join(" ");
  return { name: result, changed: result !== name };
}

export interface Envoy extends Named {
  /** A Russian name brought back to the nominative ("Джона Коула" → "Джон Коул"). */
  declined: boolean;
}

/**
 * Envoys and mediators named next to their title: after it ("special envoy John Coale",
 * "l'envoyé spécial américain, John Coale") or just before it ("John Coale, the US envoy").
 */
export function findEnvoys(norm: string, offset: number, language: Language): Envoy[] {
  const out: Envoy[] = [];
  for (const title of findAll(ENVOY[language], norm)) {
    const after = norm.slice(title.end, title.end + 80);
    const before = norm.slice(Math.max(0, title.start - 60), title.start);
    let found: Envoy | null = null;
    for (const m of findAll(NAME, after)) {
      if (findActors(m.text).some((a) => a.text === m.text)) continue;
      // Only a few words (an adjective, "for Belarus", "du président") between title and name.
      if (after.slice(0, m.start).split(/\s+/).filter(Boolean).length > 6) break;
      const start = offset + title.end + m.start;
      const { name, changed } =
        language === "ru" ? nominative(m.text, title.text) : { name: m.text, changed: false };
      found = {
        name,
        start,
        end: start + m.text.length,
        text: m.text,
        guessed: true,
        declined: changed,
      };
      break;
    }
    if (!found) {
      const back =
        /(\p{Lu}\p{Ll}+(?:\s+\p{Lu}\p{Ll}+){1,2}),\s*(?:\p{Ll}[\p{L}'.]*\s+|US\s+|U\.S\.\s+){0,4}$/u.exec(
          before,
        );
      if (back?.[1] && !findActors(back[1]).some((a) => a.text === back[1])) {
        const start = offset + title.start - before.length + back.index;
        found = {
          name: back[1],
          start,
          end: start + back[1].length,
          text: back[1],
          guessed: true,
          declined: false,
        };
      }
    }
    if (found && !out.some((e) => e.name === found.name)) out.push(found);
  }
  return out;
}
