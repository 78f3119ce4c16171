/**
 * Which of the supported languages an article is in: Cyrillic script means Russian; Latin
 * text is French or English by counting frequent function words (and French accents).
 */
import { words } from "./text.ts";
import type { Language } from "./types.ts";

const FRENCH = words(
  "le|la|les|des|du|de|et|est|une|un|dans|pour|qui|que|au|aux|sur|par|avec|sont|ont|a été|selon|cette|ces",
);
const ENGLISH = words(
  "the|and|of|to|in|is|was|were|that|for|on|with|by|has|have|said|after|from|this|its|their",
);

function count(re: RegExp, text: string): number {
  return text.match(re)?.length ?? 0;
}

/** `ru` when most letters are Cyrillic, else `fr` or `en` by stopwords; `en` on a tie. */
export function detectLanguage(text: string): Language {
  const cyrillic = count(/\p{Script=Cyrillic}/gu, text);
  const latin = count(/\p{Script=Latin}/gu, text);
  if (cyrillic > latin) return "ru";
  const french = count(FRENCH, text) + count(/[éèêàùçœ]/giu, text) / 4;
  const english = count(ENGLISH, text);
  return french > english ? "fr" : "en";
}
