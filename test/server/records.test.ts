/**
 * The registry over REST: create, read, list (filters, sort, pages), update with versions
 * (409 with the current record when stale), soft delete and restore, history, the person
 * timeline and the name search, on every entity.
 */
import { beforeAll, expect, it } from "vitest";
import type { Api } from "../../src/server/routes/types.ts";
import { describeEachStore } from "../helpers/stores.ts";
import { PUBLIC_ID, seedFixture } from "./fixture.ts";
import { account, call, sessionHeaders, testApp } from "./helpers.ts";

describeEachStore("records over REST", (use) => {
  let app: Api;
  let editor: Record<string, string>;
  let editor2: Record<string, string>;
  let admin: Record<string, string>;

  beforeAll(async () => {
    const { store } = use();
    await seedFixture(store);
    app = await testApp(store);
    editor = await sessionHeaders(store, await account(store, "ed", "editor"));
    editor2 = await sessionHeaders(store, await account(store, "eda", "editor"));
    admin = await sessionHeaders(store, await account(store, "root", "admin"));
  });

  it("creates every kind of record and reads it back", async () => {
    const bodies: [string, Record<string, unknown>][] = [
      [
        "sources",
        {
          id: "s-new",
          title: "New report",
          url: "https://example.org/n",
          published: "2025-09~",
          reliability: "B",
        },
      ],
      [
        "people",
        {
          id: "p-new",
          name: "Алесь",
          nameLatin: "Ales",
          birthDate: "1980",
          names: [{ name: "Aleś", script: "latin", kind: "transliteration" }],
        },
      ],
      [
        "operations",
        {
          id: "op-new",
          date: "2025-09-11",
          kind: "negotiated",
          announcedCount: 52,
          sourceIds: ["s-new"],
        },
      ],
      [
        "events",
        { id: "e-new1", personId: "p-new", type: "detained", date: "2021", sourceIds: ["s-new"] },
      ],
      [
        "events",
        {
          id: "e-new2",
          personId: "p-new",
          type: "released",
          date: "2025-09-11",
          mechanism: "negotiated",
          operationId: "op-new",
          sourceIds: ["s-new"],
        },
      ],
      [
        "measures",
        {
          id: "m-new",
          authority: "US",
          target: "Belavia",
          kind: "sanctions",
          eased: "2025-09-11",
          sourceIds: ["s-new"],
        },
      ],
      [
        "diplomatic-events",
        {
          id: "d-new",
          date: "2025-09-10",
          kind: "visit",
          actors: "John Coale",
          sourceIds: ["s-new"],
        },
      ],
      [
        "monitor-counts",
        {
          id: "mc-new",
          monitor: "Viasna",
          asOf: "2025-09",
          value: 1000,
          qualifier: "more_than",
          sourceIds: ["s-new"],
        },
      ],
    ];
    for (const [path, body] of bodies) {
      const created = await call(app, "POST", `/api/${path}`, { headers: editor, body });
      expect(created.statusCode, `${path}: ${created.body}`).toBe(201);
      expect(created.json()).toMatchObject({ id: body.id, version: 1 });
      const read = await call(app, "GET", `/api/${path}/${body.id}`, { headers: editor });
      expect(read.json()).toEqual(created.json());
    }
    const person = (await call(app, "GET", "/api/people/p-new", { headers: editor })).json();
    expect(person).toMatchObject({
      birthDate: { text: "1980", first: "1980-01-01", last: "1980-12-31" },
      status: "released",
      detentions: [
        {
          startFirst: "2021-01-01",
          startLast: "2021-12-31",
          endFirst: "2025-09-11",
          end: "released",
        },
      ],
      visibility: "private",
      consent: "unknown",
    });
    const source = (await call(app, "GET", "/api/sources/s-new", { headers: editor })).json();
    expect(source.published).toEqual({ text: "2025-09~", first: "2025-09-01", last: "2025-09-30" });
  });

  it("makes up an id when none is given, and refuses a taken one", async () => {
    const made = await call(app, "POST", "/api/sources", {
      headers: editor,
      body: { title: "no id" },
    });
    expect(made.json().id).toMatch(/^s-[0-9a-f]{12}$/);
    const again = await call(app, "POST", "/api/sources", {
      headers: editor,
      body: { id: made.json().id, title: "x" },
    });
    expect(again.statusCode).toBe(409);
  });

  it("a stale update is refused with 409 and the current record: two editors never overwrite each other", async () => {
    const person = (await call(app, "GET", `/api/people/${PUBLIC_ID}`, { headers: editor })).json();
    const first = await call(app, "PATCH", `/api/people/${PUBLIC_ID}`, {
      headers: editor,
      body: { version: person.version, occupation: "teacher" },
    });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ occupation: "teacher", version: person.version + 1 });
    const second = await call(app, "PATCH", `/api/people/${PUBLIC_ID}`, {
      headers: editor2,
      body: { version: person.version, occupation: "doctor" },
    });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.current).toMatchObject({
      occupation: "teacher",
      version: person.version + 1,
    });
    const merged = await call(app, "PATCH", `/api/people/${PUBLIC_ID}`, {
      headers: editor2,
      body: { version: person.version + 1, occupation: "teacher and doctor", nameLatin: null },
    });
    expect(merged.json()).toMatchObject({ occupation: "teacher and doctor", nameLatin: null });
  });

  it("concurrent updates with the same version: exactly one wins", async () => {
    const source = (await call(app, "GET", "/api/sources/s-public", { headers: editor })).json();
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        call(app, "PATCH", "/api/sources/s-public", {
          headers: i % 2 ? editor : editor2,
          body: { version: source.version, publisher: `writer ${i}` },
        }),
      ),
    );
    const statuses = results.map((r) => r.statusCode).sort();
    expect(statuses).toEqual([200, 409, 409, 409, 409, 409, 409, 409]);
    const winner = results.find((r) => r.statusCode === 200)?.json();
    const now = (await call(app, "GET", "/api/sources/s-public", { headers: editor })).json();
    expect(now.publisher).toBe(winner.publisher);
    expect(now.version).toBe(source.version + 1);
  });

  it("validates an update against the whole record (rules across fields)", async () => {
    const event = (await call(app, "GET", "/api/events/EVDET_pub", { headers: editor })).json();
    const response = await call(app, "PATCH", "/api/events/EVDET_pub", {
      headers: editor,
      body: { version: event.version, mechanism: "pardon" },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields).toEqual([
      { field: "mechanism", message: 'is only for "released" events (this one is "detained")' },
    ]);
  });

  it("lists with filters, sort and pages", async () => {
    const page1 = (
      await call(app, "GET", "/api/people?limit=3&sort=-name", { headers: editor })
    ).json();
    const page2 = (
      await call(app, "GET", "/api/people?limit=3&offset=3&sort=-name", { headers: editor })
    ).json();
    expect(page1.items).toHaveLength(3);
    expect(page1.total).toBe(page2.total);
    const names = [...page1.items, ...page2.items].map((p: { name: string }) => p.name);
    expect(names).toEqual([...names].sort().reverse());
    const held = (
      await call(app, "GET", "/api/people?status=held&limit=500", { headers: editor })
    ).json();
    expect(held.items.every((p: { status: string }) => p.status === "held")).toBe(true);
    expect(held.total).toBeGreaterThanOrEqual(7);
    const events = (
      await call(app, "GET", `/api/events?personId=${PUBLIC_ID}&type=detained`, { headers: editor })
    ).json();
    expect(events.items.map((e: { id: string }) => e.id)).toEqual(["EVDET_pub"]);
    const dated = (
      await call(app, "GET", "/api/events?from=2015-09-15&to=2015-09-20&limit=500", {
        headers: editor,
      })
    ).json();
    expect(dated.items.every((e: { type: string }) => e.type === "sentenced")).toBe(true);
    const bad = await call(app, "GET", "/api/people?sort=shoeSize");
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0]).toMatchObject({ field: "sort" });
    const hidden = await call(app, "GET", "/api/people?sort=birthDate");
    expect(hidden.statusCode).toBe(400);
    expect(hidden.json().error.message).toMatch(/needs signing in/);
    const unknown = await call(app, "GET", "/api/people?shoeSize=3");
    expect(unknown.json().error.fields[0]).toEqual({
      field: "shoeSize",
      in: "querystring",
      message: "is not a parameter of this route",
    });
  });

  it("deletes softly, keeps references whole, and lets an admin restore", async () => {
    const cited = await call(app, "DELETE", "/api/sources/s-public", { headers: editor });
    expect(cited.statusCode).toBe(409);
    expect(cited.json().error.message).toMatch(/is cited by \d+ record\(s\)/);
    const named = await call(app, "DELETE", "/api/operations/op-new", { headers: editor });
    expect(named.statusCode).toBe(409);
    const person = (await call(app, "GET", "/api/people/p-new", { headers: editor })).json();
    const stale = await call(app, "DELETE", `/api/people/p-new?version=${person.version + 5}`, {
      headers: editor,
    });
    expect(stale.statusCode).toBe(409);
    const keys = async () =>
      (
        await use().store.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM person_name_key WHERE person_id = 'p-new'",
        )
      )[0]?.n;
    expect(await keys()).toBeGreaterThan(0); // the name search's keys follow API writes
    const gone = await call(app, "DELETE", `/api/people/p-new?version=${person.version}`, {
      headers: editor,
    });
    expect(gone.json()).toEqual({ id: "p-new", deleted: true });
    expect((await call(app, "GET", "/api/people/p-new", { headers: editor })).statusCode).toBe(404);
    expect((await call(app, "GET", "/api/events/e-new1", { headers: editor })).statusCode).toBe(
      404,
    );
    const reuse = await call(app, "POST", "/api/people", {
      headers: editor,
      body: { id: "p-new", name: "x" },
    });
    expect(reuse.statusCode).toBe(409);
    expect(reuse.json().error.message).toMatch(/was deleted; an admin can restore it/);
    expect(
      (await call(app, "POST", "/api/people/p-new/restore", { headers: editor })).statusCode,
    ).toBe(403);
    const trash = (await call(app, "GET", "/api/trash", { headers: admin })).json();
    expect(trash.items[0]).toMatchObject({
      entity: "person",
      entityId: "p-new",
      deletedBy: "ed",
      rows: { person: 1, person_name: 1, event: 2 },
    });
    const restored = await call(app, "POST", "/api/people/p-new/restore", { headers: admin });
    expect(restored.statusCode).toBe(200);
    expect(restored.json()).toMatchObject({
      id: "p-new",
      version: person.version + 1,
      names: [{ name: "Aleś" }],
      status: "released",
    });
    expect(
      (await call(app, "GET", "/api/events/e-new2", { headers: editor })).json().operationId,
    ).toBe("op-new");
    expect((await call(app, "GET", "/api/trash", { headers: admin })).json().total).toBe(0);
    expect(await keys()).toBeGreaterThan(0);
  });

  it("keeps the history of a record: who, when, before and after", async () => {
    const history = (
      await call(app, "GET", "/api/people/p-new/history", { headers: editor })
    ).json().items;
    const actions = history.map(
      (h: { entity: string; action: string }) => `${h.entity}:${h.action}`,
    );
    expect(actions).toEqual([
      "person:insert",
      "person_name:insert",
      "person_name:delete",
      "person:delete",
      "person:restore",
      "person_name:restore",
    ]);
    expect(history[0]).toMatchObject({
      actor: "ed",
      before: null,
      after: { name: "Алесь", version: 1 },
    });
    const updated = (
      await call(app, "GET", `/api/people/${PUBLIC_ID}/history`, { headers: editor })
    ).json().items;
    const change = updated.find((h: { action: string }) => h.action === "update");
    expect(change.before.occupation).toBe(`OCCUP_pub`);
    expect(change.after.occupation).toBe("teacher");
    expect(
      (await call(app, "GET", "/api/people/nobody/history", { headers: editor })).statusCode,
    ).toBe(404);
  });

  it("a person's timeline: events in order with their sources, intervals, problems", async () => {
    await call(app, "POST", "/api/events", {
      headers: editor,
      body: {
        id: "e-orphan",
        personId: "p-new",
        type: "released",
        date: "2019",
        sourceIds: ["s-new"],
      },
    });
    const timeline = (
      await call(app, "GET", "/api/people/p-new/timeline", { headers: editor })
    ).json();
    expect(timeline.events.map((e: { id: string }) => e.id)).toEqual([
      "e-orphan",
      "e-new1",
      "e-new2",
    ]);
    expect(timeline.events[1].sources[0]).toMatchObject({ id: "s-new", title: "New report" });
    expect(timeline.intervals).toEqual([
      {
        startEventId: "e-new1",
        endEventId: "e-new2",
        start: { first: "2021-01-01", last: "2021-12-31", middle: "2021-07-02" },
        end: { first: "2025-09-11", last: "2025-09-11", middle: "2025-09-11" },
        exit: "negotiated",
      },
    ]);
    expect(timeline.problems).toEqual([
      expect.objectContaining({ kind: "release_without_detention", eventIds: ["e-orphan"] }),
    ]);
  });

  it("searches names in any spelling, ignoring case", async () => {
    const search = async (q: string, headers = editor) =>
      (await call(app, "GET", `/api/search/people?q=${encodeURIComponent(q)}`, { headers }))
        .json()
        .items.map((p: { id: string }) => p.id);
    expect(await search("алесь")).toEqual(["p-new"]);
    expect(await search("ALES")).toContain("p-new");
    expect(await search("aleś")).toEqual(["p-new"]);
    expect(await search("alias_pub")).toEqual([PUBLIC_ID]);
    expect(await search("alias_pub", {})).toEqual([]);
  });
});
