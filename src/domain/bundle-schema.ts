/**
 * Validation schemas for the rows of the interchange bundle (DESIGN.md): each takes the
 * strings of one CSV row and gives a typed record, or issues that name the column.
 */
import { z } from "zod";
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
} from "./model.ts";
import { tryParsePartialDate } from "./partial-date.ts";

const MAX_TEXT = 10_000;

function clean(value: string | undefined): string {
  return (value ?? "").trim();
}

const id = z
  .string()
  .transform(clean)
  .pipe(
    z
      .string()
      .min(1, "is required")
      .max(200, "is longer than 200 characters")
      .regex(/^[^\s;,]+$/, "may not contain spaces, commas or semicolons"),
  );

const requiredText = z
  .string()
  .transform(clean)
  .pipe(z.string().min(1, "is required").max(MAX_TEXT, `is longer than ${MAX_TEXT} characters`));

const optionalText = z
  .string()
  .optional()
  .transform(clean)
  .pipe(z.string().max(MAX_TEXT, `is longer than ${MAX_TEXT} characters`))
  .transform((value) => (value === "" ? null : value));

const optionalId = z
  .string()
  .optional()
  .transform(clean)
  .transform((value) => (value === "" ? null : value));

function dateField(required: boolean) {
  return z
    .string()
    .optional()
    .transform((value, ctx): DateRange | null => {
      const text = clean(value);
      if (text === "") {
        if (required) ctx.addIssue({ code: "custom", message: "is required" });
        return null;
      }
      const parsed = tryParsePartialDate(text);
      if (!parsed.ok) {
        ctx.addIssue({ code: "custom", message: parsed.error });
        return null;
      }
      return { text: parsed.date.text, first: parsed.date.first, last: parsed.date.last };
    });
}
const requiredDate = dateField(true).transform((value) => value as DateRange);
const optionalDate = dateField(false);

/** How a yes/no column is written; empty means false. */
export const BOOLEAN_TEXTS = ["true", "false"] as const;

function choice<const T extends readonly string[]>(values: T, fallback: T[number] | null) {
  return z
    .string()
    .optional()
    .transform((value, ctx): T[number] | null => {
      const text = clean(value);
      if (text === "") {
        if (fallback === null) return null;
        return fallback;
      }
      if (!(values as readonly string[]).includes(text)) {
        ctx.addIssue({
          code: "custom",
          message: `must be one of ${values.join(", ")}; got "${text}"`,
        });
        return null;
      }
      return text as T[number];
    });
}
function requiredChoice<const T extends readonly string[]>(values: T) {
  return z
    .string()
    .optional()
    .transform((value, ctx): T[number] => {
      const text = clean(value);
      if (!(values as readonly string[]).includes(text)) {
        ctx.addIssue({
          code: "custom",
          message:
            text === ""
              ? `is required (one of ${values.join(", ")})`
              : `must be one of ${values.join(", ")}; got "${text}"`,
        });
      }
      return text as T[number];
    });
}

function count(required: boolean, max = 100_000_000) {
  return z
    .string()
    .optional()
    .transform((value, ctx): number | null => {
      const text = clean(value).replace(/[\s_]/g, "");
      if (text === "") {
        if (required) ctx.addIssue({ code: "custom", message: "is required" });
        return null;
      }
      if (!/^\d+$/.test(text) || Number(text) > max) {
        ctx.addIssue({
          code: "custom",
          message: `must be a whole number from 0 to ${max}; got "${clean(value)}"`,
        });
        return null;
      }
      return Number(text);
    });
}

/** `source_id` may list several sources separated by `;`. */
function sourceIds(required: boolean) {
  return z
    .string()
    .optional()
    .transform((value, ctx): string[] => {
      const ids = clean(value)
        .split(";")
        .map((part) => part.trim())
        .filter((part) => part !== "");
      if (required && ids.length === 0) {
        ctx.addIssue({ code: "custom", message: "is required: every fact needs a source" });
      }
      return ids;
    });
}

const latinName = optionalText;

export const sourceRow = z
  .object({
    id,
    title: requiredText,
    publisher: optionalText,
    url: optionalText.refine((value) => value === null || /^https?:\/\/\S+$/.test(value), {
      message: "must be an http(s) URL",
    }),
    published: optionalDate,
    language: optionalText,
    reliability: choice(RELIABILITY_GRADES, null),
    credibility: choice(CREDIBILITY_GRADES, null),
    restricted: choice(BOOLEAN_TEXTS, "false"),
  })
  .strict();

export const personRow = z
  .object({
    id,
    name: requiredText,
    name_latin: latinName,
    birth_date: optionalDate,
    gender: choice(GENDERS, null),
    region: optionalText,
    occupation: optionalText,
    health: optionalText,
    visibility: choice(VISIBILITIES, "private"),
    consent: choice(CONSENTS, "unknown"),
  })
  .strict()
  .superRefine((row, ctx) => {
    if (row.visibility === "public" && row.consent !== "granted") {
      ctx.addIssue({
        code: "custom",
        path: ["consent"],
        message: `must be "granted" for a public record (visibility is public, consent is ${row.consent})`,
      });
    }
  });

export const nameRow = z
  .object({
    person_id: id,
    name: requiredText,
    script: requiredChoice(NAME_SCRIPTS),
    kind: requiredChoice(NAME_KINDS),
  })
  .strict();

export const operationRow = z
  .object({
    id,
    date: requiredDate,
    kind: requiredChoice(OPERATION_KINDS),
    announced_count: count(false),
    mediators: optionalText,
    description: optionalText,
    source_id: sourceIds(true),
  })
  .strict();

const CLOSES_ONLY_RELEASE = ["mechanism", "operation_id"] as const;
const NEEDS_MONITOR = ["recognized", "recognition_withdrawn"];

export const eventRow = z
  .object({
    id,
    person_id: id,
    type: requiredChoice(EVENT_TYPES),
    date: requiredDate,
    mechanism: choice(RELEASE_MECHANISMS, null),
    operation_id: optionalId,
    monitor: optionalText,
    facility: optionalText,
    articles: optionalText,
    sentence_months: count(false, 12 * 100),
    description: optionalText,
    source_id: sourceIds(true),
  })
  .strict()
  .superRefine((row, ctx) => {
    if (row.type !== "released") {
      for (const field of CLOSES_ONLY_RELEASE) {
        if (row[field] !== null) {
          ctx.addIssue({
            code: "custom",
            path: [field],
            message: `is only for "released" events (this one is "${row.type}")`,
          });
        }
      }
    }
    if (NEEDS_MONITOR.includes(row.type) && row.monitor === null) {
      ctx.addIssue({
        code: "custom",
        path: ["monitor"],
        message: `is required on a "${row.type}" event: name the monitor (e.g. Viasna)`,
      });
    }
  });

export const measureRow = z
  .object({
    id,
    authority: requiredText,
    target: requiredText,
    kind: requiredText,
    imposed: optionalDate,
    eased: optionalDate,
    lifted: optionalDate,
    description: optionalText,
    source_id: sourceIds(true),
  })
  .strict();

export const diplomaticEventRow = z
  .object({
    id,
    date: requiredDate,
    kind: requiredText,
    actors: optionalText,
    description: optionalText,
    source_id: sourceIds(true),
  })
  .strict();

export const monitorCountRow = z
  .object({
    id,
    monitor: requiredText,
    as_of: requiredDate,
    value: count(true),
    qualifier: choice(COUNT_QUALIFIERS, "exact"),
    source_id: sourceIds(true),
  })
  .strict();

export interface BundleFileSpec {
  file: string;
  key: keyof Bundle;
  columns: readonly string[];
  required: readonly string[];
}

/** The files of a bundle, in the order they must be loaded (referenced before referencing). */
export const BUNDLE_FILES: readonly BundleFileSpec[] = [
  {
    file: "sources.csv",
    key: "sources",
    columns: Object.keys(sourceRow.shape),
    required: ["id", "title"],
  },
  {
    file: "people.csv",
    key: "people",
    columns: [
      "id",
      "name",
      "name_latin",
      "birth_date",
      "gender",
      "region",
      "occupation",
      "health",
      "visibility",
      "consent",
    ],
    required: ["id", "name"],
  },
  {
    file: "names.csv",
    key: "names",
    columns: Object.keys(nameRow.shape),
    required: ["person_id", "name", "script", "kind"],
  },
  {
    file: "operations.csv",
    key: "operations",
    columns: Object.keys(operationRow.shape),
    required: ["id", "date", "kind", "source_id"],
  },
  {
    file: "events.csv",
    key: "events",
    columns: [
      "id",
      "person_id",
      "type",
      "date",
      "mechanism",
      "operation_id",
      "monitor",
      "facility",
      "articles",
      "sentence_months",
      "description",
      "source_id",
    ],
    required: ["id", "person_id", "type", "date", "source_id"],
  },
  {
    file: "measures.csv",
    key: "measures",
    columns: Object.keys(measureRow.shape),
    required: ["id", "authority", "target", "kind", "source_id"],
  },
  {
    file: "diplomatic_events.csv",
    key: "diplomaticEvents",
    columns: Object.keys(diplomaticEventRow.shape),
    required: ["id", "date", "kind", "source_id"],
  },
  {
    file: "monitor_counts.csv",
    key: "monitorCounts",
    columns: Object.keys(monitorCountRow.shape),
    required: ["id", "monitor", "as_of", "value", "source_id"],
  },
];

/** One problem with one field of one row. */
export interface FieldIssue {
  column: string;
  message: string;
}

export type RowResult<T> = { ok: true; value: T } | { ok: false; issues: FieldIssue[] };

type Raw = Record<string, string>;

function issuesOf(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => {
    if (issue.code === "unrecognized_keys") {
      return { column: issue.keys.join(", "), message: "is not a column of this file" };
    }
    return { column: String(issue.path[0] ?? ""), message: issue.message };
  });
}

function run<S extends z.ZodType, T>(
  schema: S,
  raw: Raw,
  build: (row: z.output<S>) => T,
): RowResult<T> {
  const result = schema.safeParse(raw);
  if (!result.success) return { ok: false, issues: issuesOf(result.error) };
  return { ok: true, value: build(result.data) };
}

/** Validates the strings of one CSV row of `file` and builds its record. */
export const rowParsers = {
  sources: (raw: Raw) =>
    run(sourceRow, raw, (r) => ({
      id: r.id,
      title: r.title,
      publisher: r.publisher,
      url: r.url,
      published: r.published,
      language: r.language,
      reliability: r.reliability,
      credibility: r.credibility,
      restricted: r.restricted === "true",
    })),
  people: (raw: Raw) =>
    run(personRow, raw, (r) => ({
      id: r.id,
      name: r.name,
      nameLatin: r.name_latin,
      birthDate: r.birth_date,
      gender: r.gender,
      region: r.region,
      occupation: r.occupation,
      health: r.health,
      visibility: r.visibility ?? "private",
      consent: r.consent ?? "unknown",
      synthetic: false,
    })),
  names: (raw: Raw) =>
    run(nameRow, raw, (r) => ({
      personId: r.person_id,
      name: r.name,
      script: r.script,
      kind: r.kind,
    })),
  operations: (raw: Raw) =>
    run(operationRow, raw, (r) => ({
      id: r.id,
      date: r.date,
      kind: r.kind,
      announcedCount: r.announced_count,
      mediators: r.mediators,
      description: r.description,
      sourceIds: r.source_id,
    })),
  events: (raw: Raw) =>
    run(eventRow, raw, (r) => ({
      id: r.id,
      personId: r.person_id,
      type: r.type,
      date: r.date,
      mechanism: r.mechanism,
      operationId: r.operation_id,
      monitor: r.monitor,
      facility: r.facility,
      articles: r.articles,
      sentenceMonths: r.sentence_months,
      description: r.description,
      sourceIds: r.source_id,
    })),
  measures: (raw: Raw) =>
    run(measureRow, raw, (r) => ({
      id: r.id,
      authority: r.authority,
      target: r.target,
      kind: r.kind,
      imposed: r.imposed,
      eased: r.eased,
      lifted: r.lifted,
      description: r.description,
      sourceIds: r.source_id,
    })),
  diplomaticEvents: (raw: Raw) =>
    run(diplomaticEventRow, raw, (r) => ({
      id: r.id,
      date: r.date,
      kind: r.kind,
      actors: r.actors,
      description: r.description,
      sourceIds: r.source_id,
    })),
  monitorCounts: (raw: Raw) =>
    run(monitorCountRow, raw, (r) => ({
      id: r.id,
      monitor: r.monitor,
      asOf: r.as_of,
      value: r.value as number,
      qualifier: r.qualifier ?? "exact",
      sourceIds: r.source_id,
    })),
} satisfies { [K in keyof Bundle]: (raw: Raw) => RowResult<Bundle[K][number]> };
