/**
 * Sentences of an article with their offsets, by the Unicode sentence rules
 * (Intl.Segmenter), then mended where a break follows a common abbreviation ("Mr.",
 * "M.", "Dr.", "г.") that the rules take for the end of a sentence.
 */
import type { Span } from "./text.ts";
import type { Language } from "./types.ts";

const ABBREVIATIONS: Record<Language, RegExp> = {
  en: /(?:^|[\s(])(?:Mr|Mrs|Ms|Dr|St|Gen|Lt|Col|Sen|Rep|Gov|Pres|Prof|Jr|Sr|No|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|U\.S|U\.K|U\.N|E\.U|[A-Z])\.$/,
  fr: /(?:^|[\s(])(?:M|MM|Mme|Mmes|Mlle|Dr|Pr|St|Ste|Me|Mgr|av|janv|févr|avr|juil|sept|oct|nov|déc|[A-Z])\.$/,
  ru: /(?:^|[\s(])(?:г|гг|им|т\.е|т\.к|т\.д|т\.п|ул|обл|р-н|руб|млн|млрд|тыс|см|напр|пр|[А-ЯЁ])\.$/,
};

export function splitSentences(text: string, language: Language): Span[] {
  const segmenter = new Intl.Segmenter(language, { granularity: "sentence" });
  const pieces: { start: number; end: number }[] = [];
  for (const { index, segment } of segmenter.segment(text)) {
    const previous = pieces.at(-1);
    const body = text.slice(previous?.start ?? 0, index).trimEnd();
    // A break after an abbreviation within a line is not the end of a sentence.
    if (previous && !text.slice(previous.start, index).includes("\n")) {
      if (ABBREVIATIONS[language].test(body)) {
        previous.end = index + segment.length;
        continue;
      }
    }
    pieces.push({ start: index, end: index + segment.length });
  }
  const out: Span[] = [];
  for (const piece of pieces) {
    const raw = text.slice(piece.start, piece.end);
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (trimmed === "") continue;
    const start = piece.start + lead;
    out.push({ start, end: start + trimmed.length, text: trimmed });
  }
  return out;
}
