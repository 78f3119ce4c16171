/**
 * The mapping file (JSON, docs/IMPORT.md): how the columns of another layout become the
 * columns of the bundle. Checked when it is loaded, so that a mistake in the mapping is
 * reported once, by its place in the file, rather than on every row.
 */
import { readFileSync } from "node:fs";
import { z } from "zod";
import { BUNDLE_FILES } from "../domain/bundle-schema.ts";

export class MappingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MappingError";
  }
}

/** How one bundle column is made from the source row. */
export type ColumnSpec =
  | string
  | { value: string }
  | { template: string }
  | { join: ColumnSpec[]; separator?: string }
  | {
      column: string;
      split?: string;
      part?: number;
      values?: Record<string, string>;
      otherwise?: string;
      date?: string | string[];
    };

const columnSpec: z.ZodType<ColumnSpec> = z.lazy(() =>
  z.union([
    z.string().min(1),
    z.object({ value: z.string() }).strict(),
    z.object({ template: z.string().min(1) }).strict(),
    z.object({ join: z.array(columnSpec).min(1), separator: z.string().optional() }).strict(),
    z
      .object({
        column: z.string().min(1),
        split: z.string().min(1).optional(),
        part: z.number().int().optional(),
        values: z.record(z.string(), z.string()).optional(),
        otherwise: z.string().optional(),
        date: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
      })
      .strict(),
  ]),
);

const targetSpec = z
  .object({
    /** Only rows where this source column is not empty make this record. */
    when: z.string().min(1).optional(),
    /** A key met again: "skip-identical" (the default in a mapping) or "error". */
    repeats: z.enum(["skip-identical", "error"]).optional(),
    columns: z.record(z.string(), columnSpec),
  })
  .strict();

const KEYS = BUNDLE_FILES.map((spec) => spec.key) as [string, ...string[]];

const fileSpec = z
  .object({
    /** Relative to the mapping file; or given on the command line. */
    file: z.string().min(1).optional(),
    encoding: z.string().min(1).optional(),
    delimiter: z.string().length(1).optional(),
    skip_lines: z.number().int().min(0).optional(),
    into: z.partialRecord(z.enum(KEYS), z.union([targetSpec, z.array(targetSpec).min(1)])),
  })
  .strict();

export const mappingSchema = z
  .object({
    description: z.string().optional(),
    files: z.array(fileSpec).min(1),
  })
  .strict();

export type MappingFile = z.output<typeof mappingSchema>;
export type FileSpec = z.output<typeof fileSpec>;
export type TargetSpec = z.output<typeof targetSpec>;

/** Reads and checks a mapping file; a {@link MappingError} names what is wrong and where. */
export function readMappingFile(path: string): MappingFile {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new MappingError(`cannot read the mapping ${path}: ${(error as Error).message}`);
  }
  const parsed = mappingSchema.safeParse(json);
  if (!parsed.success) {
    const lines = parsed.error.issues.map(
      (issue) => `  ${issue.path.join(".") || "(top)"}: ${issue.message}`,
    );
    throw new MappingError(`the mapping ${path} is not valid:\n${lines.join("\n")}`);
  }
  return parsed.data;
}
