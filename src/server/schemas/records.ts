/**
 * Request and response schemas of the registry's records. Values are those of the domain
 * model (src/domain/model.ts); the domain's row schemas then check them in depth
 * (src/services/record-input.ts), so the rules live in one place.
 */
import { z } from "zod";
import {
  CONSENTS,
  COUNT_QUALIFIERS,
  CREDIBILITY_GRADES,
  EVENT_TYPES,
  GENDERS,
  NAME_KINDS,
  NAME_SCRIPTS,
  OPERATION_KINDS,
  RELEASE_MECHANISMS,
  RELIABILITY_GRADES,
  VISIBILITIES,
} from "../../domain/model.ts";
import type { EntityName } from "../../store/entity-tables.ts";
import {
  booleanQuery,
  dateOut,
  filterText,
  optionalText,
  pageQuery,
  partialDate,
  recordId,
  sourceIdList,
  text,
  version,
} from "./common.ts";

const nullableDate = partialDate.nullable().optional();
const nullable = <T extends z.ZodType>(schema: T) => schema.nullable().optional();

const nameInput = z.strictObject({
  name: text(),
  script: z.enum(NAME_SCRIPTS),
  kind: z.enum(NAME_KINDS),
});

/** Writable fields of each record, as sent on create (required ones required). */
const FIELDS = {
  person: {
    name: text(),
    nameLatin: optionalText(),
    birthDate: nullableDate,
    gender: nullable(z.enum(GENDERS)),
    region: optionalText(),
    occupation: optionalText(),
    health: optionalText(),
    visibility: z.enum(VISIBILITIES).optional().describe("default private"),
    consent: z.enum(CONSENTS).optional().describe("default unknown; public needs granted"),
    names: z.array(nameInput).max(100).optional().describe("other spellings; replaces them all"),
  },
  event: {
    personId: recordId,
    type: z.enum(EVENT_TYPES),
    date: partialDate,
    mechanism: nullable(z.enum(RELEASE_MECHANISMS)).describe("released events only"),
    operationId: nullable(recordId).describe("released events only"),
    monitor: optionalText().describe("required on recognized / recognition_withdrawn"),
    facility: optionalText(),
    articles: optionalText(),
    sentenceMonths: nullable(z.number().int().min(0).max(1200)),
    description: optionalText(),
    sourceIds: sourceIdList,
  },
  source: {
    title: text(),
    publisher: optionalText(),
    url: optionalText(),
    published: nullableDate,
    language: optionalText(),
    reliability: nullable(z.enum(RELIABILITY_GRADES)),
    credibility: nullable(z.enum(CREDIBILITY_GRADES)),
    restricted: z.boolean().optional().describe("only signed-in readers see a restricted source"),
  },
  release_operation: {
    date: partialDate,
    kind: z.enum(OPERATION_KINDS),
    announcedCount: nullable(z.number().int().min(0).max(100_000_000)),
    mediators: optionalText(),
    description: optionalText(),
    sourceIds: sourceIdList,
  },
  measure: {
    authority: text(),
    target: text(),
    kind: text(),
    imposed: nullableDate,
    eased: nullableDate,
    lifted: nullableDate,
    description: optionalText(),
    sourceIds: sourceIdList,
  },
  diplomatic_event: {
    date: partialDate,
    kind: text(),
    actors: optionalText(),
    description: optionalText(),
    sourceIds: sourceIdList,
  },
  monitor_count: {
    monitor: text(),
    asOf: partialDate,
    value: z.number().int().min(0).max(100_000_000),
    qualifier: z.enum(COUNT_QUALIFIERS).optional().describe("default exact"),
    sourceIds: sourceIdList,
  },
} satisfies Record<EntityName, z.ZodRawShape>;

export function createBody(entity: EntityName) {
  return z.strictObject({ id: recordId.optional(), ...FIELDS[entity] });
}

/** Any writable field (null clears an optional one) and the version read. */
export function updateBody(entity: EntityName) {
  const optional = Object.fromEntries(
    Object.entries(FIELDS[entity]).map(([key, schema]) => [
      key,
      (schema as z.ZodType).nullable().optional(),
    ]),
  );
  return z.strictObject({ version, ...optional });
}

export const deleteQuery = z.strictObject({
  version: z.coerce
    .number()
    .int()
    .min(1)
    .optional()
    .describe("refuse (409) if no longer this version"),
});

const bookkeeping = {
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
};

const nameOut = z.object({ name: z.string(), script: z.string(), kind: z.string() });

export const personOut = z
  .object({
    id: z.string(),
    name: z.string(),
    nameLatin: z.string().nullable(),
    names: z.array(nameOut).describe("other spellings (aliases only for signed-in readers)"),
    region: z.string().nullable(),
    status: z.enum(["held", "released", "died_in_custody", "unknown"]),
    detentions: z.array(
      z.object({
        startFirst: z.string(),
        startLast: z.string(),
        endFirst: z.string().nullable(),
        endLast: z.string().nullable(),
        end: z.enum(["released", "died_in_custody"]).nullable(),
      }),
    ),
    articles: z.array(z.string()),
    synthetic: z.boolean().describe("made up by the demo generator: not a real person"),
    birthDate: dateOut.nullable().optional(),
    gender: z.string().nullable().optional(),
    occupation: z.string().nullable().optional(),
    health: z.string().nullable().optional(),
    visibility: z.string().optional(),
    consent: z.string().optional(),
    version: z.number().int().optional(),
    createdAt: z.string().optional(),
    updatedAt: z.string().optional(),
  })
  .describe("fields after `synthetic` only for signed-in readers")
  .meta({ id: "Person" });

const ids = z.array(z.string());
const s = z.string().nullable();

/** Records other than people as the API gives them (anonymous readers get fewer fields). */
export const RECORD_OUT = {
  event: z
    .object({
      id: z.string(),
      personId: z.string(),
      type: z.string(),
      date: dateOut,
      sourceIds: ids,
      mechanism: s.optional(),
      operationId: s.optional(),
      monitor: s.optional(),
      facility: s.optional(),
      articles: s.optional(),
      sentenceMonths: z.number().int().nullable().optional(),
      description: s.optional(),
      ...z.object(bookkeeping).partial().shape,
    })
    .describe("anonymous readers: detentions and releases of public people, without details")
    .meta({ id: "Event" }),
  source: z
    .object({
      id: z.string(),
      title: z.string(),
      publisher: s,
      url: s,
      published: dateOut.nullable(),
      language: s,
      reliability: s,
      credibility: s,
      restricted: z.boolean(),
      ...bookkeeping,
    })
    .meta({ id: "Source" }),
  release_operation: z
    .object({
      id: z.string(),
      date: dateOut,
      kind: z.string(),
      announcedCount: z.number().int().nullable(),
      mediators: s,
      description: s,
      sourceIds: ids,
      ...bookkeeping,
    })
    .meta({ id: "ReleaseOperation" }),
  measure: z
    .object({
      id: z.string(),
      authority: z.string(),
      target: z.string(),
      kind: z.string(),
      imposed: dateOut.nullable(),
      eased: dateOut.nullable(),
      lifted: dateOut.nullable(),
      description: s,
      sourceIds: ids,
      ...bookkeeping,
    })
    .meta({ id: "Measure" }),
  diplomatic_event: z
    .object({
      id: z.string(),
      date: dateOut,
      kind: z.string(),
      actors: s,
      description: s,
      sourceIds: ids,
      ...bookkeeping,
    })
    .meta({ id: "DiplomaticEvent" }),
  monitor_count: z
    .object({
      id: z.string(),
      monitor: z.string(),
      asOf: dateOut,
      value: z.number().int(),
      qualifier: z.string(),
      sourceIds: ids,
      ...bookkeeping,
    })
    .meta({ id: "MonitorCount" }),
} as const;

/** List filters of each entity (see FILTER_RULES in src/services/record-reads.ts). */
export const LIST_QUERY = {
  person: z.strictObject({
    ...pageQuery,
    q: filterText.describe("part of a name, Latin name (any case)"),
    region: filterText,
    status: z.enum(["held", "released", "died_in_custody", "unknown"]).optional(),
    synthetic: booleanQuery,
    gender: filterText.describe("viewer and above"),
    visibility: z.enum(VISIBILITIES).optional().describe("viewer and above"),
    consent: z.enum(CONSENTS).optional().describe("viewer and above"),
    article: z
      .string()
      .trim()
      .min(1, "must not be blank")
      .max(200)
      .optional()
      .describe(
        'a criminal-code article named in one of their events ("361" also finds 361-1, 361.2)',
      ),
    mechanism: z
      .enum(RELEASE_MECHANISMS)
      .optional()
      .describe("released at least once by this mechanism; viewer and above"),
    health: booleanQuery.describe("a health concern is recorded (true) or not; viewer and above"),
    recognizedBy: filterText.describe(
      "recognized as a political prisoner by this monitor, not withdrawn; viewer and above",
    ),
  }),
  event: z.strictObject({
    ...pageQuery,
    personId: filterText,
    type: z.enum(EVENT_TYPES).optional(),
    from: partialDate.optional().describe("events that may fall on or after this day"),
    to: partialDate.optional().describe("events that may fall on or before this day"),
    operationId: filterText.describe("viewer and above"),
    monitor: filterText.describe("viewer and above"),
    mechanism: z.enum(RELEASE_MECHANISMS).optional().describe("viewer and above"),
    facility: filterText.describe("viewer and above; part of the facility's name"),
  }),
  source: z.strictObject({
    ...pageQuery,
    q: filterText.describe("part of the title or publisher"),
    language: filterText,
    restricted: booleanQuery.describe("viewer and above"),
  }),
  release_operation: z.strictObject({
    ...pageQuery,
    kind: z.enum(OPERATION_KINDS).optional(),
    from: partialDate.optional(),
    to: partialDate.optional(),
  }),
  measure: z.strictObject({
    ...pageQuery,
    authority: filterText,
    target: filterText,
    kind: filterText,
  }),
  diplomatic_event: z.strictObject({
    ...pageQuery,
    kind: filterText,
    from: partialDate.optional(),
    to: partialDate.optional(),
  }),
  monitor_count: z.strictObject({
    ...pageQuery,
    monitor: filterText,
    from: partialDate.optional(),
    to: partialDate.optional(),
  }),
} satisfies Record<EntityName, z.ZodType>;

export const auditEntryOut = z
  .object({
    id: z.number().int(),
    at: z.string(),
    actor: z.string().describe("user name, token:<id>, cli or the importer"),
    action: z.enum(["insert", "update", "delete", "restore"]),
    entity: z.string(),
    entityId: z.string(),
    before: z.record(z.string(), z.unknown()).nullable(),
    after: z.record(z.string(), z.unknown()).nullable(),
    batch: z.string().nullable(),
  })
  .meta({ id: "AuditEntry" });
