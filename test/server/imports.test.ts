/**
 * Imports through the API (POST /api/imports, multipart): a good bundle; a bundle with bad
 * rows refused whole with the store unchanged, and the same with partial=true writing the
 * good rows and reporting the bad ones (file, line, column, reason) in the answer and the
 * report CSV; the foreign-layout example with its mapping; an unknown file name and a bad
 * mapping refused at once; anonymous and viewers refused; a second upload while one is in
 * progress refused with 409; an upload over the limit refused with 413. The temporary
 * files are gone afterwards.
 */
import { readdirSync, readFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Api } from "../../src/server/routes/types.ts";
import type { ImportJobView } from "../../src/services/import-jobs.ts";
import type { Store } from "../../src/store/connection.ts";
import { describeEachStore } from "../helpers/stores.ts";
import { account, call, sessionHeaders, testApp } from "./helpers.ts";
import { finished, multipart, type Part, upload } from "./upload.ts";

const FOREIGN = resolve(import.meta.dirname, "../../data/examples/foreign-layout");

async function counts(store: Store): Promise<Record<string, number>> {
  const [row] = await store.query<Record<string, number>>(
    `SELECT (SELECT count(*) FROM source)::int AS sources, (SELECT count(*) FROM person)::int AS people,
            (SELECT count(*) FROM person_name)::int AS names, (SELECT count(*) FROM event)::int AS events,
            (SELECT count(*) FROM audit_log)::int AS audit`,
  );
  return row as Record<string, number>;
}

const EVENT_HEADER =
  "id,person_id,type,date,mechanism,operation_id,monitor,facility,articles,sentence_months,description,source_id\n";

const GOOD: Part[] = [
  { field: "files", name: "sources.csv", content: "id,title\nup-s1,Uploaded source\n" },
  {
    field: "files",
    name: "people.csv",
    content: "id,name,gender\nup-p1,Загружаны Чалавек,male\nup-p2,Другі Загружаны,female\n",
  },
  {
    field: "files",
    name: "events.csv",
    content: `${EVENT_HEADER}up-e1,up-p1,detained,2021-03,,,,,,,,up-s1\n`,
  },
];

const BAD: Part[] = [
  { field: "files", name: "sources.csv", content: "id,title\nbad-s1,Source with bad rows\n" },
  {
    field: "files",
    name: "people.csv",
    content:
      "id,name,gender\n" +
      "bad-p1,Першы Чалавек,male\n" + // line 2
      "bad-p2,Другі Чалавек,robot\n", // line 3: bad gender
  },
  {
    field: "files",
    name: "events.csv",
    content:
      EVENT_HEADER +
      "bad-e1,bad-p1,detained,2021-03,,,,,,,,bad-s1\n" + // line 2
      "bad-e2,bad-p1,detained,2025-02-30,,,,,,,,bad-s1\n", // line 3: no such day
  },
];

function importFolders(): string[] {
  return readdirSync(tmpdir()).filter((name) => name.startsWith("turnstile-import-"));
}

describeEachStore("imports API", (use) => {
  let app: Api;
  let editor: Record<string, string>;
  let viewer: Record<string, string>;
  let foldersBefore: string[];

  beforeAll(async () => {
    const { store } = use();
    foldersBefore = importFolders();
    app = await testApp(store, { importMaxBytes: 64 * 1024 });
    editor = await sessionHeaders(store, await account(store, "importer", "editor"));
    viewer = await sessionHeaders(store, await account(store, "looker", "viewer"));
  });
  afterAll(async () => {
    await app.close();
    // Every job's folder (uploads and reports) is removed once the server stops.
    const left = importFolders().filter((f) => !foldersBefore.includes(f));
    expect(left).toEqual([]);
  });

  it("imports a good bundle, audited as the user, and removes the uploaded files", async () => {
    const { store } = use();
    const response = await upload(app, editor, GOOD);
    expect(response.statusCode, response.body).toBe(201);
    const started = response.json() as ImportJobView;
    expect(response.headers.location).toBe(`/api/imports/${started.id}`);
    expect(started.files.map((f) => f.name)).toEqual(["sources.csv", "people.csv", "events.csv"]);
    const job = await finished(app, editor, started.id);
    expect(job.state, JSON.stringify(job)).toBe("done");
    expect(job.phase).toBe("done");
    expect(job.progress.percent).toBe(100);
    expect(job.actor).toBe("importer");
    expect(job.result?.counts.people).toEqual({ inserted: 2, updated: 0, unchanged: 0 });
    expect(job.result?.counts.events).toEqual({ inserted: 1, updated: 0, unchanged: 0 });
    expect(job.problems).toEqual([]);
    expect(job.reportUrl).toBeNull();
    const [person] = await store.query<{ name: string }>(
      "SELECT name FROM person WHERE id = 'up-p1'",
    );
    expect(person?.name).toBe("Загружаны Чалавек");
    const actors = await store.query<{ actor: string }>(
      "SELECT DISTINCT actor FROM audit_log WHERE entity = 'person' AND after::text LIKE '%up-p1%'",
    );
    expect(actors.map((a) => a.actor)).toEqual(["importer"]);
    // The same upload again changes nothing.
    const again = await finished(app, editor, (await upload(app, editor, GOOD)).json().id);
    expect(again.result?.counts.people).toEqual({ inserted: 0, updated: 0, unchanged: 2 });
    // The uploaded files are removed once the job has ended; no report was written.
    const dirs = importFolders().filter((f) => !foldersBefore.includes(f));
    for (const dir of dirs) expect(readdirSync(join(tmpdir(), dir))).toEqual([]);
    const list = await call(app, "GET", "/api/imports", { headers: editor });
    expect(list.json().items.map((j: ImportJobView) => j.id)).toEqual([again.id, job.id]);
    expect(list.json().current).toBeNull();
  });

  it("refuses a bundle with bad rows whole, leaving the store unchanged, and names each row", async () => {
    const { store } = use();
    const before = await counts(store);
    const response = await upload(app, editor, BAD);
    expect(response.statusCode).toBe(201);
    const job = await finished(app, editor, response.json().id);
    expect(job.state).toBe("failed");
    expect(job.error).toMatch(/refused, nothing was written \(2 problems\)/);
    expect(job.problems).toEqual([
      {
        file: "events.csv",
        line: 3,
        column: "date",
        message: "day 30 does not exist in February 2025 (it has 28 days)",
      },
      {
        file: "people.csv",
        line: 3,
        column: "gender",
        message: expect.stringContaining("robot"),
      },
    ]);
    expect(await counts(store)).toEqual(before);
    const report = await call(app, "GET", job.reportUrl as string, { headers: editor });
    expect(report.statusCode).toBe(200);
    expect(report.headers["content-type"]).toMatch(/^text\/csv/);
    expect(report.headers["content-disposition"]).toMatch(/attachment/);
    const rows = parse(report.body, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => `${r.file}:${r.line}:${r.column}`).sort()).toEqual([
      "events.csv:3:date",
      "people.csv:3:gender",
    ]);
  });

  it("with partial=true, writes the good rows and reports the bad ones", async () => {
    const { store } = use();
    const before = await counts(store);
    const response = await upload(app, editor, BAD, { partial: "true" });
    const job = await finished(app, editor, response.json().id);
    expect(job.state, JSON.stringify(job)).toBe("done");
    expect(job.partial).toBe(true);
    expect(job.result?.rejectedRows).toBe(2);
    expect(job.result?.counts.people.inserted).toBe(1);
    expect(job.result?.counts.events.inserted).toBe(1);
    expect(job.problemsTotal).toBe(2);
    expect(job.problems.map((p) => `${p.file}:${p.line}:${p.column}`).sort()).toEqual([
      "events.csv:3:date",
      "people.csv:3:gender",
    ]);
    const after = await counts(store);
    expect(after).toMatchObject({
      people: (before.people ?? 0) + 1,
      events: (before.events ?? 0) + 1,
    });
    const ids = await store.query<{ id: string }>(
      "SELECT id FROM person WHERE id LIKE 'bad-%' ORDER BY id",
    );
    expect(ids.map((r) => r.id)).toEqual(["bad-p1"]);
    const report = await call(app, "GET", job.reportUrl as string, { headers: editor });
    expect(report.body.split("\n")[0]).toBe("file,line,column,message");
    expect(report.body).toContain("events.csv,3,date,");
  });

  it("imports the foreign-layout example with its mapping", async () => {
    const { store } = use();
    const parts: Part[] = [
      {
        field: "mapping",
        name: "mapping.json",
        content: readFileSync(join(FOREIGN, "mapping.json")),
      },
      { field: "files", name: "sources.csv", content: readFileSync(join(FOREIGN, "sources.csv")) },
      {
        field: "files",
        name: "prisoners-cp1251.csv",
        content: readFileSync(join(FOREIGN, "prisoners-cp1251.csv")),
      },
    ];
    const response = await upload(app, editor, parts);
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().mapping).toBe("mapping.json");
    const job = await finished(app, editor, response.json().id);
    expect(job.state, JSON.stringify(job.problems)).toBe("done");
    expect(job.result?.counts.sources.inserted).toBe(1);
    expect(job.result?.counts.people.inserted).toBeGreaterThan(0);
    expect(job.result?.counts.events.inserted).toBeGreaterThan(
      job.result?.counts.people.inserted ?? 0,
    );
    const [person] = await store.query<{ name: string; region: string }>(
      "SELECT name, region FROM person WHERE id = 'X-001'",
    );
    expect(person).toEqual({ name: "Лісоўскі Андрэй Пятровіч", region: "Gomel Region" });
  });

  it("refuses an unknown file name, a bad mapping and a file the mapping does not describe at once", async () => {
    const { store } = use();
    const before = await counts(store);
    const unknown = await upload(app, editor, [
      { field: "files", name: "prisoners.csv", content: "id,name\nx,y\n" },
    ]);
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.fields).toEqual([
      {
        field: "files",
        message: expect.stringMatching(
          /^prisoners\.csv: unknown file \(a bundle holds: sources\.csv/,
        ),
      },
    ]);
    const badMapping = await upload(app, editor, [
      {
        field: "mapping",
        name: "mapping.json",
        content: '{"files": [{"file": "a.csv", "into": {"people": {"columns": {"id": "ID"}}}}]}',
      },
      { field: "files", name: "a.csv", content: "ID\n1\n" },
    ]);
    expect(badMapping.statusCode).toBe(400);
    const field = badMapping.json().error.fields[0];
    expect(field.field).toBe("mapping");
    expect(field.message).toMatch(/people\.csv needs the column "name"/);
    expect(field.message).not.toContain(tmpdir());
    const undescribed = await upload(app, editor, [
      {
        field: "mapping",
        name: "mapping.json",
        content: readFileSync(join(FOREIGN, "mapping.json")),
      },
      { field: "files", name: "other.csv", content: "x\n" },
    ]);
    expect(undescribed.statusCode).toBe(400);
    expect(undescribed.json().error.fields[0].message).toMatch(
      /other\.csv: the mapping mapping\.json has no entry for this file/,
    );
    const none = await upload(app, editor, [], { partial: "maybe" });
    expect(none.statusCode).toBe(400);
    expect(none.json().error.fields).toEqual([
      { field: "partial", message: 'must be "true" or "false", not "maybe"' },
      { field: "files", message: "no file: send one or more CSV files as files" },
    ]);
    expect(await counts(store)).toEqual(before);
    // The slot is given back after each refusal.
    expect((await call(app, "GET", "/api/imports", { headers: editor })).json().current).toBeNull();
  });

  it("refuses anonymous callers and viewers", async () => {
    const anonymous = await upload(app, {}, GOOD);
    expect(anonymous.statusCode).toBe(401);
    const byViewer = await upload(app, viewer, GOOD);
    expect(byViewer.statusCode).toBe(403);
    expect((await call(app, "GET", "/api/imports", { headers: viewer })).statusCode).toBe(403);
  });

  it("refuses an upload over the limit with 413, and a body that is not multipart with 415", async () => {
    const { store } = use();
    const before = await counts(store);
    const big = `id,name\n${"big,Вялікі Файл\n".repeat(5000)}`;
    const response = await upload(app, editor, [
      { field: "files", name: "people.csv", content: big },
    ]);
    expect(response.statusCode).toBe(413);
    expect(response.json().error.code).toBe("payload_too_large");
    expect(response.json().error.message).toMatch(/larger than the limit of 0\.1 MB/);
    const json = await call(app, "POST", "/api/imports", { headers: editor, body: { files: [] } });
    expect(json.statusCode).toBe(415);
    expect(json.json().error.message).toMatch(/multipart\/form-data/);
    expect(await counts(store)).toEqual(before);
    expect((await call(app, "GET", "/api/imports", { headers: editor })).json().current).toBeNull();
  });

  it("refuses a second upload with 409 while one is in progress", async () => {
    await app.listen({ host: "127.0.0.1", port: 0 });
    const address = app.server.address();
    if (!address || typeof address === "string") throw new Error("no address");
    const { body, type } = await multipart(GOOD);
    // The first upload sends half its body and waits: its slot is taken meanwhile.
    const first = httpRequest({
      host: "127.0.0.1",
      port: address.port,
      method: "POST",
      path: "/api/imports",
      headers: { ...editor, "content-type": type, "content-length": body.length },
    });
    const answer = new Promise<{ status: number; body: string }>((done, fail) => {
      first.on("response", (res) => {
        let text = "";
        res.on("data", (chunk) => (text += chunk));
        res.on("end", () => done({ status: res.statusCode ?? 0, body: text }));
      });
      first.on("error", fail);
    });
    first.write(body.subarray(0, body.length >> 1));
    for (;;) {
      const list = await call(app, "GET", "/api/imports", { headers: editor });
      if (list.json().current) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    const second = await upload(app, editor, GOOD);
    expect(second.statusCode).toBe(409);
    expect(second.json().error.message).toMatch(
      /another import is in progress on this database \(an upload by importer, since .*\): one import at a time/,
    );
    first.end(body.subarray(body.length >> 1));
    const { status, body: text } = await answer;
    expect(status, text).toBe(201);
    const job = await finished(app, editor, JSON.parse(text).id);
    expect(job.state).toBe("done");
  });
});
