/** Helpers of the import tests: multipart bodies as a browser sends them, and polling a job. */
import { expect } from "vitest";
import type { Api } from "../../src/server/routes/types.ts";
import type { ImportJobView } from "../../src/services/import-jobs.ts";
import { call } from "./helpers.ts";

export interface Part {
  field: string;
  name: string;
  content: string | Buffer;
}

/** A multipart/form-data body as a browser sends it (boundary and all). */
export async function multipart(
  parts: Part[],
  fields: Record<string, string> = {},
): Promise<{ body: Buffer; type: string }> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  for (const part of parts)
    form.append(part.field, new Blob([new Uint8Array(Buffer.from(part.content))]), part.name);
  const response = new Response(form);
  return {
    body: Buffer.from(await response.arrayBuffer()),
    type: response.headers.get("content-type") as string,
  };
}

export async function upload(
  app: Api,
  headers: Record<string, string>,
  parts: Part[],
  fields: Record<string, string> = {},
) {
  const { body, type } = await multipart(parts, fields);
  return app.inject({
    method: "POST",
    url: "/api/imports",
    headers: { ...headers, "content-type": type },
    payload: body,
  });
}

/** Polls the job until it has ended (no time limit but the test's own). */
export async function finished(
  app: Api,
  headers: Record<string, string>,
  id: string,
): Promise<ImportJobView> {
  for (;;) {
    const response = await call(app, "GET", `/api/imports/${id}`, { headers });
    expect(response.statusCode).toBe(200);
    const job = response.json() as ImportJobView;
    if (job.state === "done" || job.state === "failed") return job;
    await new Promise((r) => setTimeout(r, 20));
  }
}
