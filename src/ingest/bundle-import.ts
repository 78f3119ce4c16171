/**
 * `turnstile import`: an interchange bundle (a folder of CSV files), or files in another
 * layout read through a mapping file. All or nothing by default: every row is validated
 * and every reference checked (against the import and the database); if any problem is
 * found, nothing is written and every problem is reported. `partial` writes the valid rows
 * and reports the others. Both stream (import-run.ts).
 */
import type { Store } from "../store/connection.ts";
import type { ImportOptions, ImportResult } from "./import-result.ts";
import { runImport } from "./import-run.ts";

export {
  ImportError,
  type ImportOptions,
  type ImportProgress,
  type ImportResult,
} from "./import-result.ts";

export interface BundleImportOptions extends ImportOptions {
  /** Text encoding of the CSV files (default UTF-8), e.g. `windows-1251`. */
  encoding?: string;
}

/**
 * Validates the bundle in `dir` and writes it in one transaction. With `dryRun`, the
 * write runs and is rolled back, so the counts are exactly what an import would do.
 */
export async function importBundle(
  store: Store,
  dir: string,
  options: BundleImportOptions = {},
): Promise<ImportResult> {
  return runImport(store, { kind: "bundle", dir, encoding: options.encoding }, options);
}

/**
 * Imports the files a mapping file names (docs/IMPORT.md), each row turned into bundle rows
 * by the mapping, then validated as a bundle's would be.
 */
export async function importMapped(
  store: Store,
  mappingPath: string,
  options: BundleImportOptions & { files?: string[] } = {},
): Promise<ImportResult> {
  return runImport(store, { kind: "mapping", path: mappingPath, files: options.files }, options);
}
