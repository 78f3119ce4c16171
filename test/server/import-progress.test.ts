/**
 * Progress of a web import while it runs: polls are answered from memory, also on PGlite,
 * whose one connection the import holds until it ends.
 */
import { beforeAll, expect, it } from "vitest";
import type { Api } from "../../src/server/routes/types.ts";
import type { ImportJobView } from "../../src/services/import-jobs.ts";
import { describeEachStore } from "../helpers/stores.ts";
import { account, call, sessionHeaders, testApp } from "./helpers.ts";
import { upload } from "./upload.ts";

const ROWS = 150_000;

function events(): string {
  const lines = [
    "id,person_id,type,date,mechanism,operation_id,monitor,facility,articles,sentence_months,description,source_id",
  ];
  for (let i = 0; i < ROWS; i++) {
    const year = 2000 + (i % 25);
    lines.push(`pg-e${i},pg-p${i % 500},detained,${year}-0${1 + (i % 9)},,,,,,,,pg-s1`);
  }
  return `${lines.join("\n")}\n`;
}

describeEachStore("imports API: progress while an import runs", (use) => {
  let app: Api;
  let editor: Record<string, string>;

  beforeAll(async () => {
    const { store } = use();
    app = await testApp(store);
    editor = await sessionHeaders(store, await account(store, "ed", "editor"));
  });

  it("polls see the rows grow before the job ends", { timeout: 300_000 }, async () => {
    const people = ["id,name"];
    for (let i = 0; i < 500; i++) people.push(`pg-p${i},Чалавек ${i}`);
    const started = await upload(app, editor, [
      { field: "files", name: "sources.csv", content: "id,title\npg-s1,Progress source\n" },
      { field: "files", name: "people.csv", content: `${people.join("\n")}\n` },
      { field: "files", name: "events.csv", content: events() },
    ]);
    expect(started.statusCode, started.body).toBe(201);
    const id = (started.json() as ImportJobView).id;
    const seen: ImportJobView[] = [];
    for (;;) {
      const response = await call(app, "GET", `/api/imports/${id}`, { headers: editor });
      expect(response.statusCode).toBe(200);
      const job = response.json() as ImportJobView;
      seen.push(job);
      if (job.state === "done" || job.state === "failed") break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(seen.at(-1)?.state, JSON.stringify(seen.at(-1))).toBe("done");
    const total = seen.at(-1)?.progress.rows ?? 0;
    const during = seen
      .filter((job) => job.state === "running")
      .map((job) => job.progress.rows)
      .filter((rows) => rows > 0 && rows < total);
    // Several distinct counts on the way, growing.
    expect(new Set(during).size, JSON.stringify(during)).toBeGreaterThan(1);
    expect(during).toEqual([...during].sort((a, b) => a - b));
  });
});
