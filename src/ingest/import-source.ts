/**
 * What an import reads, as plain data (so that a worker thread can plan the same import):
 * a bundle folder, or a mapping file and the files it describes.
 */
import { type ImportPlan, planBundle } from "./import-plan.ts";
import { loadMapping, planMapping } from "./mapping.ts";

export type PlanSource =
  | { kind: "bundle"; dir: string; encoding?: string }
  | { kind: "mapping"; path: string; files?: string[] };

/** The plan of a source; a bad mapping throws MappingError. */
export function buildPlan(source: PlanSource): ImportPlan {
  if (source.kind === "bundle") return planBundle(source.dir, { encoding: source.encoding });
  return planMapping(loadMapping(source.path), { files: source.files });
}
