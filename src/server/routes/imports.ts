/**
 * Imports from the web: editors upload CSV files (a bundle's, or files in another layout
 * with a mapping) as multipart/form-data; the parts stream to a temporary folder, never
 * whole into memory, within a size limit; the import runs as a job, one at a time per
 * store, whose progress, result and report of rejected rows the client reads
 * (services/import-jobs.ts). What is wrong with the upload itself — no file, an unknown
 * file name, a bad mapping — is answered at once with 400, before anything runs.
 */
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import { basename, join } from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import fastifyMultipart, { type Multipart } from "@fastify/multipart";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { buildPlan, type PlanSource } from "../../ingest/import-source.ts";
import { MappingError } from "../../ingest/mapping.ts";
import { type FieldProblem, ValidationError } from "../../services/errors.ts";
import {
  ImportJobs,
  type ImportUpload,
  makeJobFolder,
  type UploadedFile,
} from "../../services/import-jobs.ts";
import { ERRORS, idParams, refusedCharacter, WRITE_ERRORS } from "../schemas/common.ts";
import { importJobOut, importListOut, importUploadBody } from "../schemas/imports.ts";
import type { Deps } from "./types.ts";

/** Files of one upload: a bundle has eight; a mapping rarely describes more. */
const MAX_FILES = 20;
const FORM_FIELDS = "files (CSV, one or more), mapping (JSON, optional), partial, encoding";

/** An HTTP error with its status: errors.ts answers it in the one error shape. */
class UploadError extends Error {
  readonly statusCode: number;
  constructor(statusCode: number, message: string) {
    super(message);
    this.name = "UploadError";
    this.statusCode = statusCode;
  }
}

function megabytes(bytes: number): string {
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}

/** The name an uploaded file is kept under: its own base name, if it is a plain one. */
function fileName(given: string): { name: string } | { problem: string } {
  const name = basename(given.replaceAll("\\", "/"));
  if (name === "" || name === "." || name === "..") return { problem: "the file has no name" };
  if (name.length > 200) return { problem: "the file name is longer than 200 characters" };
  const refused = refusedCharacter(name);
  if (refused) return { problem: `the file name ${refused.message}` };
  return { name };
}

/** Counts the bytes of all the upload's files, and stops the upload past the limit. */
function byteCounter(state: { total: number }, max: number): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      state.total += chunk.length;
      if (state.total > max) {
        done(
          new UploadError(
            413,
            `the upload is larger than the limit of ${megabytes(max)} (all files together; TURNSTILE_IMPORT_MAX_MB on the server)`,
          ),
        );
        return;
      }
      done(null, chunk);
    },
  });
}

/** Reads the form's parts into `dir`, checking each; throws 400 naming what is wrong. */
async function receive(
  request: FastifyRequest,
  dir: string,
  max: number,
): Promise<Omit<ImportUpload, "actor">> {
  const uploadDir = join(dir, "upload");
  const filesDir = join(uploadDir, "files");
  await mkdir(filesDir, { recursive: true });
  const files: UploadedFile[] = [];
  let mapping: UploadedFile | null = null;
  let partial = false;
  let encoding: string | undefined;
  const problems: FieldProblem[] = [];
  const counted = { total: 0 };
  const parts = request.parts({
    limits: {
      // One byte over the limit, so that the counter (which names the limit) stops it.
      fileSize: max + 1,
      files: MAX_FILES + 1,
      fields: 10,
      fieldSize: 1000,
      parts: MAX_FILES + 11,
    },
  });
  const take = async (part: Multipart): Promise<void> => {
    if (part.type === "field") {
      const value = String(part.value);
      if (part.fieldname === "partial") {
        if (value !== "true" && value !== "false") {
          problems.push({ field: "partial", message: `must be "true" or "false", not "${value}"` });
        }
        partial = value === "true";
      } else if (part.fieldname === "encoding") {
        try {
          new TextDecoder(value);
          encoding = value;
        } catch {
          problems.push({ field: "encoding", message: `unknown encoding "${value}"` });
        }
      } else {
        problems.push({
          field: part.fieldname,
          message: `is not a field of this form (it has: ${FORM_FIELDS})`,
        });
      }
      return;
    }
    const named = fileName(part.filename);
    const field = part.fieldname;
    const skip = async (message: string) => {
      problems.push({ field, message });
      part.file.resume();
      await new Promise((resolve) => part.file.once("end", resolve));
    };
    if (field !== "files" && field !== "mapping") {
      await skip(`is not a field of this form (it has: ${FORM_FIELDS})`);
      return;
    }
    if ("problem" in named) {
      await skip(named.problem);
      return;
    }
    const { name } = named;
    if (field === "mapping" && mapping) {
      await skip("give one mapping file");
      return;
    }
    if (field === "files" && files.some((f) => f.name === name)) {
      await skip(`${name}: two files have this name`);
      return;
    }
    if (field === "files" && files.length >= MAX_FILES) {
      await skip(`at most ${MAX_FILES} files in one upload`);
      return;
    }
    const path = field === "mapping" ? join(uploadDir, name) : join(filesDir, name);
    const before = counted.total;
    await pipeline(part.file, byteCounter(counted, max), createWriteStream(path));
    if (part.file.truncated) {
      throw new UploadError(413, `${name} is larger than the limit of ${megabytes(max)}`);
    }
    const file = { name, path, bytes: counted.total - before };
    if (field === "mapping") mapping = file;
    else files.push(file);
  };
  try {
    for await (const part of parts) await take(part);
  } catch (error) {
    const status = (error as { statusCode?: number }).statusCode;
    if (status !== undefined || error instanceof ValidationError) throw error;
    // Busboy's own: the body ends mid-part, or is not multipart as it says.
    throw new UploadError(400, `the multipart form is broken: ${(error as Error).message}`);
  }
  if (files.length === 0) {
    problems.push({ field: "files", message: "no file: send one or more CSV files as files" });
  }
  if (problems.length === 0) problems.push(...planProblems(uploadDir, files, mapping, encoding));
  if (problems.length > 0) {
    throw new ValidationError(
      problems,
      `the upload was refused, nothing was written: ${problems.map((p) => `${p.field}: ${p.message}`).join("; ")}`,
    );
  }
  return { dir, uploadDir, bundleDir: filesDir, files, mapping, partial, encoding };
}

/**
 * What the importer would refuse before reading a row — a file that is not the bundle's,
 * a mapping that is not valid or does not describe a file — found now, so that the answer
 * to the upload says it.
 */
function planProblems(
  uploadDir: string,
  files: UploadedFile[],
  mapping: UploadedFile | null,
  encoding: string | undefined,
): FieldProblem[] {
  const filesDir = join(uploadDir, "files");
  const clean = (text: string) =>
    [`${filesDir}/`, `${uploadDir}/`].reduce((out, prefix) => out.split(prefix).join(""), text);
  const source: PlanSource = mapping
    ? { kind: "mapping", path: mapping.path, files: files.map((f) => f.path) }
    : { kind: "bundle", dir: filesDir, encoding };
  try {
    const plan = buildPlan(source);
    return plan.problems.map((p) => ({
      field: "files",
      message: `${clean(p.file)}: ${clean(p.message)}`,
    }));
  } catch (error) {
    if (error instanceof MappingError) return [{ field: "mapping", message: clean(error.message) }];
    throw error;
  }
}

export async function importRoutes(
  instance: FastifyInstance,
  options: { deps: Deps },
): Promise<void> {
  const app = instance.withTypeProvider<ZodTypeProvider>();
  const { deps } = options;
  const max = deps.config.importMaxBytes;
  // Here only: the other routes take JSON alone.
  await app.register(fastifyMultipart, { throwFileSizeLimit: true });
  const jobs = new ImportJobs(deps.store, {
    logError: (error) => app.log.error({ err: error }, "import failed"),
  });
  app.addHook("onClose", async () => jobs.close());

  app.post("/api/imports", {
    config: { access: "editor" },
    schema: {
      tags: ["imports"],
      summary:
        "upload CSV files (a bundle, or another layout with a mapping) and start their import",
      description:
        "multipart/form-data with the parts: files (one or more CSV files), mapping (JSON, optional), " +
        "partial (true|false, default false: all or nothing), encoding (optional). Answers 201 with the " +
        "job; read its progress and result from GET /api/imports/{id}. One import at a time: 409 while " +
        "another runs. See docs/IMPORT.md.",
      consumes: ["multipart/form-data"],
      body: importUploadBody,
      response: { 201: importJobOut, ...WRITE_ERRORS },
    },
    // The body is a stream that the handler reads part by part: nothing to validate before.
    validatorCompiler: () => () => true,
    handler: async (request, reply) => {
      if (!request.isMultipart()) {
        throw new UploadError(
          415,
          `send the files as multipart/form-data with the parts: ${FORM_FIELDS}`,
        );
      }
      const slot = jobs.reserve(request.principal.actor);
      let dir: string | null = null;
      try {
        dir = await makeJobFolder();
        const upload = await receive(request, dir, max);
        const job = slot.start({ ...upload, actor: request.principal.actor });
        reply.code(201).header("location", `/api/imports/${job.id}`);
        return job;
      } catch (error) {
        slot.release();
        if (dir) await rm(dir, { recursive: true, force: true }).catch(() => {});
        throw error;
      }
    },
  });

  app.get("/api/imports", {
    config: { access: "editor" },
    schema: {
      tags: ["imports"],
      summary: "the imports since the server started, and the one in progress",
      response: { 200: importListOut, ...ERRORS },
    },
    handler: async () => ({ items: jobs.list(), current: jobs.current }),
  });

  app.get("/api/imports/:id", {
    config: { access: "editor" },
    schema: {
      tags: ["imports"],
      summary: "an import's state, progress and result (poll it until done or failed)",
      params: idParams,
      response: { 200: importJobOut, ...ERRORS },
    },
    handler: async (request) => jobs.get(request.params.id),
  });

  app.get("/api/imports/:id/report.csv", {
    config: { access: "editor" },
    schema: {
      tags: ["imports"],
      summary: "every problem an import found, as CSV (file,line,column,message)",
      params: idParams,
      produces: ["text/csv"],
      response: { 200: z.string().describe("CSV: file,line,column,message"), ...ERRORS },
    },
    handler: async (request, reply) => {
      const path = jobs.reportPath(request.params.id);
      reply
        .type("text/csv; charset=utf-8")
        .header(
          "content-disposition",
          `attachment; filename="import-${request.params.id}-report.csv"`,
        );
      // Streamed as it is on disk (a report can be large); the schema types it as text.
      return reply.send(createReadStream(path) as unknown as string);
    },
  });
}
