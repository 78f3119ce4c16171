/**
 * A person's history with their case's events (GET /api/people/{id}/history?events=true):
 * edits and deletions of the events, and the bulk-import batch that inserted them.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { importBundle } from "../../src/ingest/bundle-import.ts";
import type { Api } from "../../src/server/routes/types.ts";
import { describeEachStore } from "../helpers/stores.ts";
import { account, call, sessionHeaders, testApp } from "./helpers.ts";

const dir = mkdtempSync(join(tmpdir(), "turnstile-case-history-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeEachStore("a person's history with their events", (use) => {
  let app: Api;
  let editor: Record<string, string>;

  beforeAll(async () => {
    const { store } = use();
    const files: Record<string, string> = {
      "sources.csv": "id,title\ns1,Synthetic source\n",
      "people.csv": "id,name\nh1,Першы\nh10,Другі\n",
      "events.csv":
        "id,person_id,type,date,source_id\nev1,h1,detained,2021-03,s1\nev10,h10,detained,2022,s1\n",
    };
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    await importBundle(store, dir, { bulkMinRows: 1 });
    app = await testApp(store);
    editor = await sessionHeaders(store, await account(store, "ed", "editor"));
  });

  type Entry = { entity: string; entityId: string; action: string; after: unknown };
  const history = async (url: string): Promise<Entry[]> => {
    const response = await call(app, "GET", url, { headers: editor });
    expect(response.statusCode, response.body).toBe(200);
    return response.json().items;
  };
  const summary = (entries: Entry[]) => entries.map((e) => `${e.entity}:${e.entityId}:${e.action}`);

  it("shows the batch that inserted the events, then each edit and deletion", async () => {
    const created = await call(app, "POST", "/api/events", {
      headers: editor,
      body: { id: "ev2", personId: "h1", type: "released", date: "2024", sourceIds: ["s1"] },
    });
    expect(created.statusCode, created.body).toBe(201);
    const changed = await call(app, "PATCH", "/api/events/ev2", {
      headers: editor,
      body: { version: 1, date: "2024-06" },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect((await call(app, "DELETE", "/api/events/ev2", { headers: editor })).statusCode).toBe(
      200,
    );

    const entries = await history("/api/people/h1/history?events=true");
    expect(summary(entries)).toEqual([
      "person:*:insert",
      "event:*:insert",
      "event:ev2:insert",
      "event:ev2:update",
      "event:ev2:delete",
    ]);
    expect(entries[1]?.after).toMatchObject({ file: "events.csv", ids: ["ev1", "ev10"] });
    // Without `events`, the person's own history as before; h10's events are not h1's.
    expect(summary(await history("/api/people/h1/history"))).toEqual(["person:*:insert"]);
    expect(summary(await history("/api/people/h10/history?events=true"))).toEqual([
      "person:*:insert",
      "event:*:insert",
    ]);
  });

  it("refuses an unknown parameter value", async () => {
    const response = await call(app, "GET", "/api/people/h1/history?events=maybe", {
      headers: editor,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toContain("events");
  });
});
