/** Schemas of the import routes: the upload (multipart, for the documentation) and a job. */
import { z } from "zod";

const binary = z.string().meta({ format: "binary" });

/**
 * The form of POST /api/imports, for the documentation: the parts are read and checked as
 * they stream in (routes/imports.ts), not by the validator.
 */
export const importUploadBody = z
  .object({
    files: z
      .array(binary)
      .optional()
      .describe(
        "the CSV files: bundle file names (sources.csv, people.csv, names.csv, operations.csv, events.csv, measures.csv, diplomatic_events.csv, monitor_counts.csv), or the files a mapping describes",
      ),
    mapping: binary
      .optional()
      .describe("a mapping file (JSON, docs/IMPORT.md) for files in another layout"),
    partial: z
      .enum(["true", "false"])
      .optional()
      .describe(
        "true: write the valid rows and report the others; false (default): all or nothing",
      ),
    encoding: z
      .string()
      .optional()
      .describe("text encoding of a bundle's files (default utf-8), e.g. windows-1251"),
  })
  .meta({ id: "ImportUpload" });

const counts = z.object({
  inserted: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
});

const problem = z.object({
  file: z.string(),
  line: z.number().int().describe("1-based line in the file (the header is line 1); 0: the file"),
  column: z.string(),
  message: z.string().describe("why the row was refused"),
});

export const importJobOut = z
  .object({
    id: z.string(),
    state: z.enum(["queued", "running", "done", "failed"]),
    phase: z
      .enum(["queued", "reading", "finishing", "done", "failed"])
      .describe("reading (and writing) the files, then finishing: indexes and commit"),
    actor: z.string().describe("who ran it: the actor of the audit log"),
    partial: z.boolean(),
    mapping: z.string().nullable(),
    files: z.array(z.object({ name: z.string(), bytes: z.number().int() })),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
    progress: z.object({
      file: z.string().nullable().describe("the file being read"),
      bytesDone: z.number().int(),
      bytesTotal: z.number().int(),
      rows: z.number().int().describe("records accepted so far"),
      rejectedRows: z.number().int(),
      percent: z.number().int().min(0).max(100),
    }),
    result: z
      .object({
        rows: z.number().int(),
        rejectedRows: z.number().int(),
        counts: z
          .record(z.string(), counts)
          .describe("per bundle file: inserted, updated, unchanged"),
      })
      .nullable(),
    problems: z.array(problem).describe("the first 200 problems, by file and line"),
    problemsTotal: z.number().int(),
    error: z.string().nullable(),
    reportUrl: z.string().nullable().describe("every problem as CSV: file,line,column,message"),
  })
  .meta({ id: "ImportJob" });

export const importListOut = z.object({
  items: z.array(importJobOut).describe("the imports since the server started, newest first"),
  current: z
    .object({ actor: z.string(), since: z.string(), job: z.string().nullable() })
    .nullable()
    .describe("the import in progress (an upload being received, or a job), if any"),
});
