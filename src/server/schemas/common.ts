/**
 * Pieces of the API's schemas: text that may be stored as it is, ids, partial dates,
 * pages, and the one shape of every error. The same zod schemas validate requests, type
 * the handlers and produce the OpenAPI document.
 */
import { z } from "zod";

/** The domain's limit on one text field (src/domain/bundle-schema.ts). */
export const MAX_TEXT = 10_000;

function codePoint(code: number): string {
  return `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
}

/** C0 and C1 control characters, except tab, line feed and carriage return. */
function isControl(code: number): boolean {
  return (
    (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) ||
    (code >= 0x7f && code <= 0x9f)
  );
}

/**
 * The first character that text fields refuse: a control character, or half of a UTF-16
 * surrogate pair without its other half (it cannot be stored as UTF-8).
 */
export function refusedCharacter(value: string): { index: number; message: string } | null {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (isControl(code)) {
      return {
        index: i,
        message: `contains the control character ${codePoint(code)} at position ${i + 1}; only tab, line feed and carriage return are allowed`,
      };
    }
    if (code >= 0xd800 && code <= 0xdfff) {
      const next = value.charCodeAt(i + 1);
      if (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      return {
        index: i,
        message: `contains half of a UTF-16 surrogate pair (${codePoint(code)}) at position ${i + 1}: not valid Unicode text`,
      };
    }
  }
  return null;
}

/** Text stored exactly as sent (surrounding spaces aside), or refused with the reason. */
export function text(max = MAX_TEXT) {
  return z
    .string()
    .max(max, `is longer than ${max} characters`)
    .superRefine((value, ctx) => {
      const refused = refusedCharacter(value);
      if (refused) ctx.addIssue({ code: "custom", message: refused.message });
    });
}

export const optionalText = () => text().nullable().optional();

/** Ids as the bundle allows them: no spaces, commas or semicolons. */
export const recordId = text(200)
  .min(1, "is required")
  .regex(/^[^\s;,]+$/, "may not contain spaces, commas or semicolons")
  .describe("free text without spaces, commas or semicolons; made up by the server when omitted");

export const idParams = z.object({ id: text(200).min(1) });

export const partialDate = z
  .string()
  .max(20, "is not a partial date (too long)")
  .describe(
    "partial date (EDTF): YYYY, YYYY-MM or YYYY-MM-DD, optionally followed by ? (uncertain), ~ (approximate) or % (both)",
  )
  .meta({ examples: ["2025-09-11", "2025-09", "2021~"] });

export const dateOut = z
  .object({
    text: z.string().describe("the partial date as written (EDTF)"),
    first: z.string().describe("first day it covers, YYYY-MM-DD"),
    last: z.string().describe("last day it covers, YYYY-MM-DD"),
  })
  .meta({ id: "PartialDate" });

export const sourceIdList = z
  .array(recordId)
  .max(100)
  .describe("ids of the sources of this fact (at least one)");

export const version = z
  .number()
  .int()
  .min(1)
  .describe("the version you read: a stale version is refused with 409 and the current record");

export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(500).default(50).describe("page size (1–500)"),
  offset: z.coerce.number().int().min(0).max(1_000_000_000).default(0),
  sort: z
    .string()
    .max(40)
    .optional()
    .describe("field to sort by; prefix with - for descending (e.g. -date)"),
};

export const booleanQuery = z
  .enum(["true", "false"])
  .transform((v) => v === "true")
  .optional();

export const filterText = z.string().max(200).optional();

export function page<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int().describe("records matching the filters, on all pages"),
    limit: z.number().int(),
    offset: z.number().int(),
  });
}

export const errorBody = z
  .object({
    error: z.object({
      code: z
        .string()
        .describe(
          "validation, bad_json, payload_too_large, unsupported_media_type, unauthenticated, forbidden, csrf, not_found, conflict, rate_limited, internal",
        ),
      message: z.string(),
      fields: z
        .array(
          z.object({
            field: z.string().describe("the field (dotted path for nested ones)"),
            in: z.string().optional().describe("body, querystring or params"),
            message: z.string().describe("what is wrong with it"),
          }),
        )
        .optional(),
      current: z.unknown().optional().describe("on 409: the record as it is now"),
      requestId: z.string().optional(),
    }),
  })
  .meta({ id: "Error" });

/** Error answers every route may give, for the OpenAPI document (one shape: {@link errorBody}). */
export const ERRORS = {
  400: errorBody,
  401: errorBody,
  403: errorBody,
  404: errorBody,
  429: errorBody,
} as const;

export const WRITE_ERRORS = { ...ERRORS, 409: errorBody, 413: errorBody, 415: errorBody } as const;
