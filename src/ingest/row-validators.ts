/**
 * Hand-written validators for the rows of the interchange bundle: the same rules, messages
 * and records as the zod schemas of `domain/bundle-schema.ts`, about ten times faster.
 * A million-row import spends most of its JavaScript time validating rows, and zod costs
 * about 7 µs a row. A property test (test/import-validators.test.ts) holds every validator
 * to the same result as its schema on random rows, valid and invalid.
 *
 * A validator is compiled for a header: it reads the fields of a record by position.
 */
import { BOOLEAN_TEXTS, type FieldIssue, type RowResult } from "../domain/bundle-schema.ts";
import {
  type Bundle,
  CONSENTS,
  COUNT_QUALIFIERS,
  CREDIBILITY_GRADES,
  type DateRange,
  EVENT_TYPES,
  GENDERS,
  NAME_KINDS,
  NAME_SCRIPTS,
  OPERATION_KINDS,
  RELEASE_MECHANISMS,
  RELIABILITY_GRADES,
  VISIBILITIES,
} from "../domain/model.ts";
import { tryParsePartialDate } from "../domain/partial-date.ts";
import { detach } from "./csv-records.ts";

const MAX_TEXT = 10_000;
const ID_SHAPE = /^[^\s;,]+$/;
const URL_SHAPE = /^https?:\/\/\S+$/;
const DIGITS = /^\d+$/;
const NOT_A_STRING = "Invalid input: expected string, received undefined";

type Fields = readonly (string | undefined)[];

/** Reads the named columns of a record and collects issues in schema order. */
class RowReader {
  fields: Fields = [];
  issues: FieldIssue[] = [];
  /**
   * A field that could not be read (missing, or not converted) stops the rules across
   * fields, as in zod; a field that failed a length or shape check does not.
   */
  aborted = false;
  private readonly index: Readonly<Record<string, number>>;
  constructor(index: Readonly<Record<string, number>>) {
    this.index = index;
  }

  private raw(column: string): string | undefined {
    const at = this.index[column];
    return at === undefined ? undefined : this.fields[at];
  }

  private fail(column: string, message: string): void {
    this.issues.push({ column, message });
  }

  private abort(column: string, message: string): void {
    this.aborted = true;
    this.issues.push({ column, message });
  }

  id(column: string): string {
    const value = this.raw(column);
    if (value === undefined) {
      this.abort(column, NOT_A_STRING);
      return "";
    }
    const text = value.trim();
    if (text.length < 1) this.fail(column, "is required");
    if (text.length > 200) this.fail(column, "is longer than 200 characters");
    if (!ID_SHAPE.test(text)) this.fail(column, "may not contain spaces, commas or semicolons");
    return text;
  }

  requiredText(column: string): string {
    const value = this.raw(column);
    if (value === undefined) {
      this.abort(column, NOT_A_STRING);
      return "";
    }
    const text = value.trim();
    if (text.length < 1) this.fail(column, "is required");
    if (text.length > MAX_TEXT) this.fail(column, `is longer than ${MAX_TEXT} characters`);
    return text;
  }

  optionalText(column: string): string | null {
    const text = (this.raw(column) ?? "").trim();
    if (text.length > MAX_TEXT) this.fail(column, `is longer than ${MAX_TEXT} characters`);
    return text === "" ? null : text;
  }

  optionalId(column: string): string | null {
    const text = (this.raw(column) ?? "").trim();
    return text === "" ? null : text;
  }

  url(column: string): string | null {
    const before = this.issues.length;
    const value = this.optionalText(column);
    if (this.issues.length === before && value !== null && !URL_SHAPE.test(value)) {
      this.fail(column, "must be an http(s) URL");
    }
    return value;
  }

  date(column: string, required: boolean): DateRange | null {
    const text = (this.raw(column) ?? "").trim();
    if (text === "") {
      if (required) this.abort(column, "is required");
      return null;
    }
    const parsed = parseDate(text);
    if (typeof parsed === "string") {
      this.abort(column, parsed);
      return null;
    }
    return parsed;
  }

  choice<T extends string>(
    column: string,
    values: readonly T[],
    allowed: ReadonlySet<string>,
    fallback: T | null,
  ): T | null {
    const text = (this.raw(column) ?? "").trim();
    if (text === "") return fallback;
    if (!allowed.has(text)) {
      this.abort(column, `must be one of ${values.join(", ")}; got "${text}"`);
      return null;
    }
    return text as T;
  }

  requiredChoice<T extends string>(
    column: string,
    values: readonly T[],
    allowed: ReadonlySet<string>,
  ): T {
    const text = (this.raw(column) ?? "").trim();
    if (!allowed.has(text)) {
      this.abort(
        column,
        text === ""
          ? `is required (one of ${values.join(", ")})`
          : `must be one of ${values.join(", ")}; got "${text}"`,
      );
    }
    return text as T;
  }

  count(column: string, required: boolean, max = 100_000_000): number | null {
    const cleaned = (this.raw(column) ?? "").trim();
    const text = cleaned.replace(/[\s_]/g, "");
    if (text === "") {
      if (required) this.abort(column, "is required");
      return null;
    }
    if (!DIGITS.test(text) || Number(text) > max) {
      this.abort(column, `must be a whole number from 0 to ${max}; got "${cleaned}"`);
      return null;
    }
    return Number(text);
  }

  sourceIds(column: string, required: boolean): string[] {
    const ids = parseSourceIds(this.raw(column) ?? "");
    if (required && ids.length === 0) {
      this.abort(column, "is required: every fact needs a source");
    }
    return ids;
  }
}

// Most rows of a file cite the same few sources: each list is split once, and shared
// (frozen) by the records that cite it.
const sourceLists = new Map<string, readonly string[]>();
function parseSourceIds(raw: string): string[] {
  let ids = sourceLists.get(raw);
  if (ids === undefined) {
    const list: string[] = [];
    for (const part of raw.trim().split(";")) {
      const id = part.trim();
      if (id !== "") list.push(detach(id));
    }
    ids = Object.freeze(list);
    if (sourceLists.size >= 10_000) sourceLists.clear();
    sourceLists.set(detach(raw), ids);
  }
  return ids as string[];
}

// Dates repeat a great deal in a large file (a few thousand distinct days): parse each once.
const dateCache = new Map<string, DateRange | string>();
function parseDate(text: string): DateRange | string {
  const known = dateCache.get(text);
  if (known !== undefined) return known;
  const parsed = tryParsePartialDate(text);
  const value = parsed.ok
    ? { text: parsed.date.text, first: parsed.date.first, last: parsed.date.last }
    : parsed.error;
  if (dateCache.size >= 100_000) dateCache.clear();
  dateCache.set(detach(text), value);
  return value;
}

const setOf = (values: readonly string[]): ReadonlySet<string> => new Set(values);
const GENDER_SET = setOf(GENDERS);
const VISIBILITY_SET = setOf(VISIBILITIES);
const CONSENT_SET = setOf(CONSENTS);
const SCRIPT_SET = setOf(NAME_SCRIPTS);
const NAME_KIND_SET = setOf(NAME_KINDS);
const OPERATION_KIND_SET = setOf(OPERATION_KINDS);
const EVENT_TYPE_SET = setOf(EVENT_TYPES);
const MECHANISM_SET = setOf(RELEASE_MECHANISMS);
const RELIABILITY_SET = setOf(RELIABILITY_GRADES);
const CREDIBILITY_SET = setOf(CREDIBILITY_GRADES);
const QUALIFIER_SET = setOf(COUNT_QUALIFIERS);
const BOOLEAN_SET = setOf(BOOLEAN_TEXTS);

type Build<T> = (r: RowReader) => T;

const BUILDERS: { [K in keyof Bundle]: Build<Bundle[K][number]> } = {
  sources: (r) => ({
    id: r.id("id"),
    title: r.requiredText("title"),
    publisher: r.optionalText("publisher"),
    url: r.url("url"),
    published: r.date("published", false),
    language: r.optionalText("language"),
    reliability: r.choice("reliability", RELIABILITY_GRADES, RELIABILITY_SET, null),
    credibility: r.choice("credibility", CREDIBILITY_GRADES, CREDIBILITY_SET, null),
    restricted: r.choice("restricted", BOOLEAN_TEXTS, BOOLEAN_SET, "false") === "true",
  }),
  people: (r) => ({
    id: r.id("id"),
    name: r.requiredText("name"),
    nameLatin: r.optionalText("name_latin"),
    birthDate: r.date("birth_date", false),
    gender: r.choice("gender", GENDERS, GENDER_SET, null),
    region: r.optionalText("region"),
    occupation: r.optionalText("occupation"),
    health: r.optionalText("health"),
    visibility: r.choice("visibility", VISIBILITIES, VISIBILITY_SET, "private") ?? "private",
    consent: r.choice("consent", CONSENTS, CONSENT_SET, "unknown") ?? "unknown",
    synthetic: false,
  }),
  names: (r) => ({
    personId: r.id("person_id"),
    name: r.requiredText("name"),
    script: r.requiredChoice("script", NAME_SCRIPTS, SCRIPT_SET),
    kind: r.requiredChoice("kind", NAME_KINDS, NAME_KIND_SET),
  }),
  operations: (r) => ({
    id: r.id("id"),
    date: r.date("date", true) as DateRange,
    kind: r.requiredChoice("kind", OPERATION_KINDS, OPERATION_KIND_SET),
    announcedCount: r.count("announced_count", false),
    mediators: r.optionalText("mediators"),
    description: r.optionalText("description"),
    sourceIds: r.sourceIds("source_id", true),
  }),
  events: (r) => ({
    id: r.id("id"),
    personId: r.id("person_id"),
    type: r.requiredChoice("type", EVENT_TYPES, EVENT_TYPE_SET),
    date: r.date("date", true) as DateRange,
    mechanism: r.choice("mechanism", RELEASE_MECHANISMS, MECHANISM_SET, null),
    operationId: r.optionalId("operation_id"),
    monitor: r.optionalText("monitor"),
    facility: r.optionalText("facility"),
    articles: r.optionalText("articles"),
    sentenceMonths: r.count("sentence_months", false, 12 * 100),
    description: r.optionalText("description"),
    sourceIds: r.sourceIds("source_id", true),
  }),
  measures: (r) => ({
    id: r.id("id"),
    authority: r.requiredText("authority"),
    target: r.requiredText("target"),
    kind: r.requiredText("kind"),
    imposed: r.date("imposed", false),
    eased: r.date("eased", false),
    lifted: r.date("lifted", false),
    description: r.optionalText("description"),
    sourceIds: r.sourceIds("source_id", true),
  }),
  diplomaticEvents: (r) => ({
    id: r.id("id"),
    date: r.date("date", true) as DateRange,
    kind: r.requiredText("kind"),
    actors: r.optionalText("actors"),
    description: r.optionalText("description"),
    sourceIds: r.sourceIds("source_id", true),
  }),
  monitorCounts: (r) => ({
    id: r.id("id"),
    monitor: r.requiredText("monitor"),
    asOf: r.date("as_of", true) as DateRange,
    value: r.count("value", true) as number,
    qualifier: r.choice("qualifier", COUNT_QUALIFIERS, QUALIFIER_SET, "exact") ?? "exact",
    sourceIds: r.sourceIds("source_id", true),
  }),
};

/** The rules across fields (the schemas' superRefine), checked when every field was read. */
const REFINEMENTS: { [K in keyof Bundle]?: (record: Bundle[K][number]) => FieldIssue[] } = {
  people: (person) =>
    person.visibility === "public" && person.consent !== "granted"
      ? [
          {
            column: "consent",
            message: `must be "granted" for a public record (visibility is public, consent is ${person.consent})`,
          },
        ]
      : [],
  events: (event) => {
    const issues: FieldIssue[] = [];
    if (event.type !== "released") {
      const message = `is only for "released" events (this one is "${event.type}")`;
      if (event.mechanism !== null) issues.push({ column: "mechanism", message });
      if (event.operationId !== null) issues.push({ column: "operation_id", message });
    }
    if (
      (event.type === "recognized" || event.type === "recognition_withdrawn") &&
      event.monitor === null
    ) {
      issues.push({
        column: "monitor",
        message: `is required on a "${event.type}" event: name the monitor (e.g. Viasna)`,
      });
    }
    return issues;
  },
};

export type RowValidator<T> = (fields: Fields) => RowResult<T>;

/**
 * A validator for records of `key` whose fields are in the order of `header`. Columns of
 * the header that the file does not have are reported on every row, as the schema does.
 */
export function compileRowValidator<K extends keyof Bundle>(
  key: K,
  header: readonly string[],
  known: readonly string[],
): RowValidator<Bundle[K][number]> {
  const index: Record<string, number> = {};
  header.forEach((column, i) => {
    index[column] = i;
  });
  const unknown = [...new Set(header.filter((column) => !known.includes(column)))];
  const reader = new RowReader(index);
  const build = BUILDERS[key] as Build<Bundle[K][number]>;
  const refine = REFINEMENTS[key] as ((record: Bundle[K][number]) => FieldIssue[]) | undefined;
  return (fields) => {
    reader.fields = fields;
    reader.issues = [];
    reader.aborted = false;
    const value = build(reader);
    if (unknown.length > 0) {
      reader.issues.push({ column: unknown.join(", "), message: "is not a column of this file" });
    }
    if (refine && !reader.aborted) {
      for (const issue of refine(value)) reader.issues.push(issue);
    }
    if (reader.issues.length > 0) return { ok: false, issues: reader.issues };
    return { ok: true, value };
  };
}
