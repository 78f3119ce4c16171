/** Names across scripts: normalization, romanization, phonetic readings, keys, similarity. */
export { type GivenNameGroup, givenNameGroups } from "./given-names.ts";
export {
  keyWords,
  type NameKey,
  type NameKeyKind,
  nameKeys,
  personNameKeys,
  wordKeys,
} from "./keys.ts";
export { type Gender, type ParsedName, parseName, patronymicStem } from "./parse.ts";
export {
  genderless,
  type LatinFamily,
  type Reading,
  readWord,
  type WordReadings,
} from "./phonetic.ts";
export {
  ROMANIZATION_SYSTEMS,
  type RomanizationSystem,
  romanize,
  systemLanguage,
} from "./romanize.ts";
export { alignWords, jaroWinkler, nameSimilarity, wordSimilarity } from "./similarity.ts";
export { type Script, scriptOf, stripDiacritics, words } from "./text.ts";
