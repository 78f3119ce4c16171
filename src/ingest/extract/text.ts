/**
 * Small text helpers shared by the extraction rules. Matching runs on a normalized copy of
 * the text of the same length, so that every offset found is an offset in the original.
 */

/** Offsets in the article: JS string indices (UTF-16 code units), end exclusive. */
export interface Range {
  start: number;
  end: number;
}

export interface Span extends Range {
  text: string;
}

export interface Found extends Span {
  groups: (string | undefined)[];
  named: Record<string, string | undefined>;
}

/**
 * Typographic apostrophes, no-break and thin spaces, and `ё` (often written `е`) mapped to
 * plain forms, one character for one so that offsets are unchanged.
 */
export function normalize(text: string): string {
  return text
    .replace(/[’ʼ`´]/g, "'")
    .replace(/[\u00A0\u202F\u2009\u2007]/g, " ")
    .replace(/ё/g, "е")
    .replace(/Ё/g, "Е");
}

const BEFORE = "(?<![\\p{L}\\p{N}])";
const AFTER = "(?![\\p{L}\\p{N}])";

/** A case-insensitive pattern that matches only whole words (Unicode letters, not `\b`). */
export function words(pattern: string, flags = "giu"): RegExp {
  return new RegExp(`${BEFORE}(?:${pattern})${AFTER}`, flags);
}

/** Every match of a global regex, with offsets. */
export function findAll(re: RegExp, text: string, offset = 0): Found[] {
  const out: Found[] = [];
  const global = re.global ? re : new RegExp(re.source, `${re.flags}g`);
  global.lastIndex = 0;
  for (const match of text.matchAll(global)) {
    const start = (match.index ?? 0) + offset;
    out.push({
      start,
      end: start + match[0].length,
      text: match[0],
      groups: match.slice(1),
      named: { ...match.groups },
    });
  }
  return out;
}

/** Whether any match of `re` lies in `text`. */
export function has(re: RegExp, text: string): boolean {
  re.lastIndex = 0;
  const result = re.test(text);
  re.lastIndex = 0;
  return result;
}

/** Characters between two spans (0 if they overlap). */
export function distance(a: Range, b: Range): number {
  if (a.end <= b.start) return b.start - a.end;
  if (b.end <= a.start) return a.start - b.end;
  return 0;
}

export function overlaps(a: Range, b: Range): boolean {
  return a.start < b.end && b.start < a.end;
}
