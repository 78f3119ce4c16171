/**
 * The review desk over HTTP, on both stores: the matching queue with each pair's people
 * and explained score, accept (merge), reject, undo; an article pasted, its drafts listed,
 * edited (validated), accepted (records citing the article) and rejected; and the 400 /
 * 404 / 409 answers, each naming the field, that leave stored data unchanged.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, expect, it } from "vitest";
import type { Api } from "../../src/server/routes/types.ts";
import { linkCandidates } from "../../src/services/matching.ts";
import { auditHead } from "../../src/store/audit.ts";
import type { Store } from "../../src/store/connection.ts";
import { loadFixture } from "../helpers/matching-fixtures.ts";
import { describeEachStore } from "../helpers/stores.ts";
import { account, call, sessionHeaders, testApp } from "./helpers.ts";

const ARTICLE = readFileSync(
  join(import.meta.dirname, "../../data/examples/founding-article-fr.txt"),
  "utf8",
);

interface DraftOut {
  id: number;
  kind: string;
  status: string;
  payload: Record<string, unknown>;
  editedPayload: Record<string, unknown> | null;
  sentence: string;
  confidence: number;
  evidence: { field: string; start: number; end: number }[];
  recordId: string | null;
  articleSourceId: string;
}

async function state(store: Store): Promise<string> {
  const [counts] = await store.query(
    `SELECT (SELECT count(*) FROM person)::int AS people, (SELECT count(*) FROM draft)::int AS drafts,
            (SELECT count(*) FROM release_operation)::int AS operations,
            (SELECT count(*) FROM match_candidate WHERE status = 'pending')::int AS pending`,
  );
  return JSON.stringify({ counts, head: await auditHead(store) });
}

describeEachStore("review desk API", (use) => {
  let app: Api;
  let editor: Record<string, string>;
  let viewer: Record<string, string>;

  beforeAll(async () => {
    const { store } = use();
    await loadFixture(store);
    // p1/p4 are merged automatically; p2/p5 (other birth year) wait in the queue.
    await linkCandidates(store, { actor: "matcher" });
    app = await testApp(store);
    editor = await sessionHeaders(store, await account(store, "ed", "editor"));
    viewer = await sessionHeaders(store, await account(store, "vi", "viewer"));
  });

  it("lists the queue with both people and the explained score; viewers may not", async () => {
    const refused = await call(app, "GET", "/api/review/matches", { headers: viewer });
    expect(refused.statusCode).toBe(403);
    const response = await call(app, "GET", "/api/review/matches", { headers: editor });
    expect(response.statusCode).toBe(200);
    const [pair, ...rest] = response.json().items;
    expect(rest).toEqual([]);
    expect([pair.leftId, pair.rightId]).toEqual(["p2", "p5"]);
    expect(pair.status).toBe("pending");
    expect(pair.left.name).toBe("Вольга Юр'еўна Зесленовіч");
    expect(pair.left.birthDate.text).toBe("1990");
    expect(pair.left.region).toBe("Gomel Region");
    expect(pair.right.name).toBe("Olga Zeslenovich");
    const fields = pair.explanation.fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual(expect.arrayContaining(["surname", "given", "birth", "region"]));
    const birth = pair.explanation.fields.find((f: { field: string }) => f.field === "birth");
    expect(birth.detail).toContain("1990");
    expect(birth.weight).toBeLessThan(0);
    const surname = pair.explanation.fields.find((f: { field: string }) => f.field === "surname");
    expect(surname.weight).toBeGreaterThan(0);
    expect(pair.probability).toBeGreaterThan(0);
    expect(pair.probability).toBeLessThan(1);
  });

  it("refuses bad requests on the queue naming the field, changing nothing", async () => {
    const { store } = use();
    const before = await state(store);
    const [pair] = (await call(app, "GET", "/api/review/matches", { headers: editor })).json()
      .items;
    const cases: [string, string, unknown, number, RegExp][] = [
      ["POST", "/api/review/matches/abc/accept", {}, 400, /id: /],
      ["POST", "/api/review/matches/999999/accept", {}, 404, /no review candidate #999999/],
      [
        "POST",
        `/api/review/matches/${pair.id}/accept`,
        { into: "p1" },
        400,
        /into must be one of the pair/,
      ],
      ["POST", `/api/review/matches/${pair.id}/accept`, { colour: "red" }, 400, /colour/],
      ["POST", "/api/review/merges/999999/undo", undefined, 404, /no merge #999999/],
      ["GET", "/api/review/matches?status=maybe", undefined, 400, /status/],
    ];
    for (const [method, url, body, status, message] of cases) {
      const response = await call(app, method as "POST", url, { headers: editor, body });
      expect(response.statusCode, `${method} ${url}: ${response.body}`).toBe(status);
      expect(response.json().error.message, url).toMatch(message);
    }
    const into = await call(app, "POST", `/api/review/matches/${pair.id}/accept`, {
      headers: editor,
      body: { into: "p1" },
    });
    expect(into.json().error.fields).toEqual([
      { field: "into", message: expect.stringContaining('"p2" or "p5"') },
    ]);
    expect(await state(store)).toBe(before);
  });

  it("accepts a pair (merge), lists the merge, undoes it, and a second decision is a 409", async () => {
    const [pair] = (await call(app, "GET", "/api/review/matches", { headers: editor })).json()
      .items;
    const accepted = await call(app, "POST", `/api/review/matches/${pair.id}/accept`, {
      headers: editor,
      body: { note: "same person, birth year mistyped" },
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const { mergeId } = accepted.json();
    expect(mergeId).toBeGreaterThan(0);
    expect((await call(app, "GET", "/api/people/p5", { headers: editor })).statusCode).toBe(404);
    const again = await call(app, "POST", `/api/review/matches/${pair.id}/reject`, {
      headers: editor,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toMatch(/already decided: accepted by ed/);

    const merges = (await call(app, "GET", "/api/review/merges", { headers: editor })).json().items;
    expect(merges[0]).toMatchObject({
      id: mergeId,
      intoId: "p2",
      fromId: "p5",
      fromName: "Olga Zeslenovich",
      mergedBy: "ed",
      undoneAt: null,
    });
    const undone = await call(app, "POST", `/api/review/merges/${mergeId}/undo`, {
      headers: editor,
    });
    expect(undone.statusCode, undone.body).toBe(200);
    expect(undone.json().mergeId).toBe(mergeId);
    expect((await call(app, "GET", "/api/people/p5", { headers: editor })).statusCode).toBe(200);
    const twice = await call(app, "POST", `/api/review/merges/${mergeId}/undo`, {
      headers: editor,
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.message).toMatch(/already undone/);
    const rejected = (
      await call(app, "GET", "/api/review/matches?status=rejected", { headers: editor })
    ).json().items;
    expect(rejected.map((c: { id: number }) => c.id)).toContain(pair.id);
  });

  it("rejects a pair: it leaves the queue", async () => {
    const { store } = use();
    // A new look-alike pair: p3 and one more spelling of him born elsewhere.
    await store.query(
      `INSERT INTO person (id, name, gender, region, visibility, consent, synthetic, birth_date, birth_first, birth_last)
       VALUES ('p6', 'Николай Олегович Каттутук', 'male', 'Brest Region', 'private', 'unknown', true, '1970', '1970-01-01', '1970-12-31')`,
    );
    await linkCandidates(store, { actor: "matcher", thresholds: { link: 0.999999, review: 0.01 } });
    const pending = (await call(app, "GET", "/api/review/matches", { headers: editor })).json()
      .items;
    const pair = pending.find((c: { rightId: string }) => c.rightId === "p6");
    expect(pair, JSON.stringify(pending)).toBeDefined();
    const rejected = await call(app, "POST", `/api/review/matches/${pair.id}/reject`, {
      headers: editor,
      body: { note: "different people" },
    });
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect(rejected.json()).toEqual({ id: pair.id, status: "rejected" });
    const after = (await call(app, "GET", "/api/review/matches", { headers: editor })).json().items;
    expect(after.map((c: { id: number }) => c.id)).not.toContain(pair.id);
  });

  let drafts: DraftOut[] = [];

  it("reads a pasted article into saved drafts; pasting it again adds nothing", async () => {
    const response = await call(app, "POST", "/api/review/articles", {
      headers: editor,
      body: {
        text: ARTICLE,
        published: "2025-09-16",
        title: "Loukachenko amnistie 25 personnes",
        publisher: "Test publisher",
        url: "https://example.org/article",
      },
    });
    expect(response.statusCode, response.body).toBe(201);
    const result = response.json();
    expect(result.language).toBe("fr");
    expect(result.created).toBe(6);
    drafts = result.drafts;
    const summary = drafts.map((d) => [d.kind, d.payload]);
    expect(summary).toEqual(
      expect.arrayContaining([
        [
          "release_operation",
          expect.objectContaining({
            date: "2025-09-11",
            announced_count: 52,
            mediators: "John Coale",
          }),
        ],
        [
          "release_operation",
          expect.objectContaining({ date: "2025-09-16", kind: "amnesty", announced_count: 25 }),
        ],
        ["measure", expect.objectContaining({ target: "Belavia", eased: "2025-09-11~" })],
        ["diplomatic_event", expect.objectContaining({ kind: "embassy" })],
        ["monitor_count", expect.objectContaining({ value: 1265, qualifier: "approx" })],
        ["monitor_count", expect.objectContaining({ value: 1000, qualifier: "more_than" })],
      ]),
    );
    for (const d of drafts) {
      expect(ARTICLE).toContain(d.sentence);
      expect(typeof d.confidence).toBe("number");
      expect(d.articleSourceId).toBe(result.articleSourceId);
    }
    const again = await call(app, "POST", "/api/review/articles", {
      headers: editor,
      body: { text: ARTICLE, published: "2025-09-16" },
    });
    expect(again.statusCode).toBe(201);
    expect(again.json()).toMatchObject({ created: 0, alreadySaved: 6 });
    expect(again.json().drafts.map((d: DraftOut) => d.id)).toEqual(drafts.map((d) => d.id));
    const listed = await call(app, "GET", "/api/review/drafts?status=pending", {
      headers: editor,
    });
    expect(listed.json().items).toHaveLength(6);
  });

  it("refuses bad articles and bad edits naming the field, changing nothing", async () => {
    const { store } = use();
    const before = await state(store);
    const op = drafts.find((d) => d.payload.announced_count === 52) as DraftOut;
    const cases: [string, string, unknown, number, string, RegExp][] = [
      ["POST", "/api/review/articles", { text: "" }, 400, "text", /required/],
      ["POST", "/api/review/articles", { text: "   " }, 400, "text", /empty/],
      ["POST", "/api/review/articles", { text: "x\u0000" }, 400, "text", /U\+0000/],
      [
        "POST",
        "/api/review/articles",
        { text: ARTICLE, published: "2025-02-30" },
        400,
        "published",
        /February/,
      ],
      [
        "POST",
        "/api/review/articles",
        { text: ARTICLE, published: "16/09/2025" },
        400,
        "published",
        /YYYY-MM-DD/,
      ],
      ["POST", "/api/review/articles", { text: ARTICLE, language: "de" }, 400, "language", /./],
      [
        "PATCH",
        `/api/review/drafts/${op.id}`,
        { edits: { date: "2025-02-31" } },
        400,
        "edits.date",
        /day 31 does not exist/,
      ],
      [
        "PATCH",
        `/api/review/drafts/${op.id}`,
        { edits: { announced_count: "many" } },
        400,
        "edits.announced_count",
        /./,
      ],
      [
        "PATCH",
        `/api/review/drafts/${op.id}`,
        { edits: { colour: "red" } },
        400,
        "edits.colour",
        /not a field of a release_operation draft/,
      ],
      [
        "POST",
        `/api/review/drafts/${op.id}/accept`,
        { edits: { date: "" } },
        400,
        "edits.date",
        /./,
      ],
      ["PATCH", "/api/review/drafts/999999", { edits: {} }, 404, "", /no draft 999999/],
      ["POST", "/api/review/drafts/999999/accept", {}, 404, "", /no draft 999999/],
      ["POST", "/api/review/drafts/0/reject", undefined, 400, "id", /./],
    ];
    for (const [method, url, body, status, field, message] of cases) {
      const response = await call(app, method as "POST", url, { headers: editor, body });
      const where = `${method} ${url} ${String(JSON.stringify(body)).slice(0, 60)}`;
      expect(response.statusCode, `${where}: ${response.body}`).toBe(status);
      const error = response.json().error;
      if (field) {
        const named = error.fields?.find((f: { field: string }) => f.field === field);
        expect(named, `${where}: ${response.body}`).toBeDefined();
        expect(named.message, where).toMatch(message);
      } else {
        expect(error.message, where).toMatch(message);
      }
    }
    expect(await state(store)).toBe(before);
  });

  it("edits, accepts (the record cites the article) and rejects drafts; a second decision is a 409", async () => {
    const amnesty = drafts.find((d) => d.payload.announced_count === 25) as DraftOut;
    const edited = await call(app, "PATCH", `/api/review/drafts/${amnesty.id}`, {
      headers: editor,
      body: { edits: { mediators: "nobody named" } },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().editedPayload.mediators).toBe("nobody named");
    expect(edited.json().status).toBe("pending");

    const accepted = await call(app, "POST", `/api/review/drafts/${amnesty.id}/accept`, {
      headers: editor,
      body: { edits: { mediators: "" } },
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const result = accepted.json();
    expect(result).toMatchObject({ kind: "release_operation", action: "created" });
    expect(result.draft.status).toBe("accepted");
    expect(result.draft.recordId).toBe(result.recordId);
    const operation = (
      await call(app, "GET", `/api/operations/${encodeURIComponent(result.recordId)}`, {
        headers: editor,
      })
    ).json();
    expect(operation).toMatchObject({
      date: { text: "2025-09-16" },
      kind: "amnesty",
      announcedCount: 25,
      mediators: null,
      sourceIds: [amnesty.articleSourceId],
    });
    const source = (
      await call(app, "GET", `/api/sources/${encodeURIComponent(amnesty.articleSourceId)}`, {
        headers: editor,
      })
    ).json();
    expect(source).toMatchObject({
      title: "Loukachenko amnistie 25 personnes",
      publisher: "Test publisher",
      url: "https://example.org/article",
    });

    const twice = await call(app, "POST", `/api/review/drafts/${amnesty.id}/accept`, {
      headers: editor,
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.message).toMatch(/was already accepted by ed/);

    const embassy = drafts.find((d) => d.kind === "diplomatic_event") as DraftOut;
    const rejected = await call(app, "POST", `/api/review/drafts/${embassy.id}/reject`, {
      headers: editor,
    });
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect(rejected.json()).toMatchObject({ status: "rejected", recordId: null });
    const editRejected = await call(app, "PATCH", `/api/review/drafts/${embassy.id}`, {
      headers: editor,
      body: { edits: { kind: "visit" } },
    });
    expect(editRejected.statusCode).toBe(409);

    const byStatus = async (status: string) =>
      (await call(app, "GET", `/api/review/drafts?status=${status}`, { headers: editor })).json()
        .items.length;
    expect([
      await byStatus("pending"),
      await byStatus("accepted"),
      await byStatus("rejected"),
    ]).toEqual([4, 1, 1]);
    expect(await byStatus("all")).toBe(6);
  });
});

describeEachStore("review desk API: finding duplicates from the web", (use) => {
  it("queues every likely pair for a reviewer and merges none; viewers may not", async () => {
    const { store } = use();
    await loadFixture(store);
    const app = await testApp(store);
    const editor = await sessionHeaders(store, await account(store, "ed", "editor"));
    const viewer = await sessionHeaders(store, await account(store, "vi", "viewer"));
    const people = async () =>
      (await store.query<{ n: number }>("SELECT count(*)::int AS n FROM person"))[0]?.n;
    const before = await people();

    const refused = await call(app, "POST", "/api/review/matches/find", { headers: viewer });
    expect(refused.statusCode).toBe(403);
    const found = await call(app, "POST", "/api/review/matches/find", { headers: editor });
    expect(found.statusCode, found.body).toBe(200);
    expect(found.json()).toMatchObject({ people: before, alreadyDecided: 0 });
    // p1/p4 (which `turnstile match` merges by itself) and p2/p5 both wait for a reviewer.
    const pairs = (await call(app, "GET", "/api/review/matches", { headers: editor })).json()
      .items as { leftId: string; rightId: string; status: string }[];
    expect(found.json().queued).toBe(pairs.length);
    expect(pairs.map((p) => `${p.leftId}/${p.rightId}`)).toEqual(
      expect.arrayContaining(["p1/p4", "p2/p5"]),
    );
    expect(pairs.every((p) => p.status === "pending")).toBe(true);
    expect(await people()).toBe(before);
    const [merges] = await store.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM person_merge",
    );
    expect(merges?.n).toBe(0);
  });
});
