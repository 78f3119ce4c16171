/**
 * The review queue on both stores: drafts saved from an article, accepted into the registry
 * with the article as their source, edited, rejected; every refusal leaves the data as it
 * was.
 */
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { isoToDay } from "../src/domain/partial-date.ts";
import { importBundle } from "../src/ingest/bundle-import.ts";
import { PUBLIC_DATA_DIR } from "../src/ingest/public-data.ts";
import {
  acceptDraft,
  articleSourceId,
  DraftError,
  editDraft,
  extractDrafts,
  getDraftArticle,
  listDrafts,
  rejectDraft,
  saveDrafts,
} from "../src/services/extract.ts";
import type { Queryable, Store } from "../src/store/connection.ts";
import type { DraftRow } from "../src/store/drafts.ts";
import { describeEachStore } from "./helpers/stores.ts";

const FOUNDING = readFileSync(
  new URL("../data/examples/founding-article-fr.txt", import.meta.url),
  "utf8",
);
const ARTICLE_ID = articleSourceId(FOUNDING);
const ACTOR = "reviewer-1";

/** Registry tables (not the queue): what accepting changes and rejecting must not. */
const REGISTRY = ["source", "release_operation", "measure", "diplomatic_event", "monitor_count"];
const ALL = [...REGISTRY, "draft", "draft_article", "audit_log"];

async function snapshot(q: Queryable, tables = ALL): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const table of tables) out.push(await q.query(`SELECT * FROM ${table} ORDER BY 1`));
  return out;
}

async function saveFounding(store: Store): Promise<DraftRow[]> {
  const extraction = extractDrafts(FOUNDING, { published: isoToDay("2025-09-16") });
  const result = await saveDrafts(
    store,
    {
      text: FOUNDING,
      title: "Amnistie de 25 personnes (founding article)",
      published: extraction.published,
      language: extraction.language,
    },
    extraction.drafts,
    { actor: ACTOR },
  );
  return result.saved;
}

function byPayload(rows: DraftRow[], kind: string, test: (p: Record<string, unknown>) => boolean) {
  const row = rows.find((r) => r.kind === kind && test(r.payload as Record<string, unknown>));
  if (!row) throw new Error(`no ${kind} draft`);
  return row;
}

async function refused(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    expect(error).toBeInstanceOf(DraftError);
    return (error as Error).message;
  }
  throw new Error("expected a DraftError");
}

describeEachStore("drafts: save, accept, edit, reject", (use) => {
  let drafts: DraftRow[] = [];

  it("saves the article's drafts as pending, once, without touching the registry", async () => {
    const { store } = use();
    const registry = await snapshot(store, REGISTRY);
    drafts = await saveFounding(store);
    expect(drafts.map((d) => [d.kind, d.status])).toEqual([
      ["release_operation", "pending"],
      ["release_operation", "pending"],
      ["measure", "pending"],
      ["diplomatic_event", "pending"],
      ["monitor_count", "pending"],
      ["monitor_count", "pending"],
    ]);
    const first = drafts[0] as DraftRow;
    expect(first.articleSourceId).toBe(ARTICLE_ID);
    expect(FOUNDING.slice(first.sentenceStart, first.sentenceEnd)).toBe(first.sentence);
    expect(first.confidence).toBe(0.95);
    expect(await snapshot(store, REGISTRY)).toEqual(registry);
    const audit = await store.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_log WHERE entity = 'draft' AND action = 'insert'",
    );
    expect(audit[0]?.n).toBe(6);

    const again = await saveDrafts(
      store,
      { text: FOUNDING, published: "2025-09-16", language: "fr" },
      extractDrafts(FOUNDING, { published: isoToDay("2025-09-16") }).drafts,
      { actor: ACTOR },
    );
    expect(again.saved).toEqual([]);
    expect(again.alreadySaved).toBe(6);
    expect(await listDrafts(store, { status: "pending" })).toHaveLength(6);
    const article = await getDraftArticle(store, ARTICLE_ID);
    expect(article).toMatchObject({ language: "fr", published: { text: "2025-09-16" } });
    expect(article?.body).toBe(FOUNDING);
  });

  it("accepting creates the record with the article as its source, and the source", async () => {
    const { store } = use();
    const op = byPayload(drafts, "release_operation", (p) => p.announced_count === 52);
    const result = await acceptDraft(store, op.id, { actor: ACTOR });
    expect(result).toMatchObject({
      kind: "release_operation",
      recordId: `op-2025-09-11-d${op.id}`,
      action: "created",
      sourceCreated: true,
    });
    expect(result.draft.status).toBe("accepted");
    expect(result.draft.reviewer).toBe(ACTOR);
    const [record] = await store.query(
      "SELECT date, kind, announced_count, mediators, source_ids FROM release_operation WHERE id = $1",
      [result.recordId],
    );
    expect(record).toEqual({
      date: "2025-09-11",
      kind: "negotiated",
      announced_count: 52,
      mediators: "John Coale",
      source_ids: [ARTICLE_ID],
    });
    const [source] = await store.query(
      "SELECT id, title, published, language FROM source WHERE id = $1",
      [ARTICLE_ID],
    );
    expect(source).toEqual({
      id: ARTICLE_ID,
      title: "Amnistie de 25 personnes (founding article)",
      published: "2025-09-16",
      language: "fr",
    });
    const audit = await store.query<{ entity: string; action: string }>(
      "SELECT entity, action FROM audit_log WHERE batch = $1 ORDER BY id",
      [`draft ${op.id} accepted`],
    );
    expect(audit).toEqual([
      { entity: "source", action: "insert" },
      { entity: "release_operation", action: "insert" },
      { entity: "draft", action: "update" },
    ]);
  });

  it("accepting twice is refused with a clear message, and changes nothing", async () => {
    const { store } = use();
    const op = byPayload(drafts, "release_operation", (p) => p.announced_count === 52);
    const before = await snapshot(store);
    const message = await refused(acceptDraft(store, op.id, { actor: "someone-else" }));
    expect(message).toMatch(
      new RegExp(
        `^draft ${op.id} was already accepted by ${ACTOR} at .+ \\(record op-2025-09-11-d${op.id}\\); nothing was changed$`,
      ),
    );
    expect(await snapshot(store)).toEqual(before);
  });

  it("a bad edit is refused naming the field, and nothing is written", async () => {
    const { store } = use();
    const amnesty = byPayload(drafts, "release_operation", (p) => p.kind === "amnesty");
    const before = await snapshot(store);
    const badDate = await refused(
      acceptDraft(store, amnesty.id, { edits: { date: "2025-09-31" }, actor: ACTOR }),
    );
    expect(badDate).toBe(
      `draft ${amnesty.id} was not accepted, nothing was written: field date: day 31 does not exist in September 2025 (it has 30 days)`,
    );
    const badKind = await refused(
      acceptDraft(store, amnesty.id, {
        edits: { kind: "gift", announced_count: "x" },
        actor: ACTOR,
      }),
    );
    expect(badKind).toContain(
      'field kind: must be one of amnesty, pardon, negotiated, deportation, court, other; got "gift"',
    );
    expect(badKind).toContain(
      'field announced_count: must be a whole number from 0 to 100000000; got "x"',
    );
    const unknown = await refused(
      editDraft(store, amnesty.id, { edits: { dat: "2025" }, actor: ACTOR }),
    );
    expect(unknown).toContain(
      '"dat" is not a field of a release_operation draft (fields: date, kind, announced_count, mediators, description)',
    );
    const measure = byPayload(drafts, "measure", () => true);
    const noDate = await refused(
      acceptDraft(store, measure.id, { edits: { eased: "" }, actor: ACTOR }),
    );
    expect(noDate).toContain("a measure needs at least one of these dates");
    expect(await snapshot(store)).toEqual(before);
  });

  it("edits are validated, kept, and used when accepting", async () => {
    const { store } = use();
    const amnesty = byPayload(drafts, "release_operation", (p) => p.kind === "amnesty");
    const edited = await editDraft(store, amnesty.id, {
      edits: { description: "Amnesty of 25 people convicted of extremism" },
      actor: ACTOR,
    });
    expect(edited.status).toBe("pending");
    expect(edited.editedPayload).toMatchObject({
      description: "Amnesty of 25 people convicted of extremism",
    });
    const result = await acceptDraft(store, amnesty.id, {
      edits: { announced_count: "26" },
      actor: ACTOR,
    });
    const [record] = await store.query(
      "SELECT announced_count, description, source_ids FROM release_operation WHERE id = $1",
      [result.recordId],
    );
    expect(record).toEqual({
      announced_count: 26,
      description: "Amnesty of 25 people convicted of extremism",
      source_ids: [ARTICLE_ID],
    });
    expect(result.sourceCreated).toBe(false);
    expect(result.draft.editedPayload).toMatchObject({ announced_count: 26, date: "2025-09-16" });
    expect(result.draft.payload).toMatchObject({ announced_count: 25 });
  });

  it("rejecting leaves the registry unchanged, and cannot be undone by accepting", async () => {
    const { store } = use();
    const embassy = byPayload(drafts, "diplomatic_event", () => true);
    const registry = await snapshot(store, REGISTRY);
    const rejected = await rejectDraft(store, embassy.id, { actor: ACTOR });
    expect(rejected.status).toBe("rejected");
    expect(rejected.recordId).toBeNull();
    expect(await snapshot(store, REGISTRY)).toEqual(registry);
    const message = await refused(acceptDraft(store, embassy.id, { actor: ACTOR }));
    expect(message).toContain(`draft ${embassy.id} was already rejected by ${ACTOR}`);
    expect(await refused(rejectDraft(store, embassy.id, { actor: ACTOR }))).toContain(
      "was already rejected",
    );
    expect(await refused(rejectDraft(store, 999_999, { actor: ACTOR }))).toBe("no draft 999999");
  });

  it("the other drafts become a measure and two counts, each citing the article", async () => {
    const { store } = use();
    for (const row of await listDrafts(store, { status: "pending" })) {
      await acceptDraft(store, row.id, { actor: ACTOR });
    }
    expect(await listDrafts(store, { status: "pending" })).toEqual([]);
    const measures = await store.query(
      "SELECT authority, target, eased, source_ids FROM measure ORDER BY id",
    );
    expect(measures).toEqual([
      { authority: "US", target: "Belavia", eased: "2025-09-11~", source_ids: [ARTICLE_ID] },
    ]);
    const counts = await store.query(
      "SELECT monitor, as_of, value, qualifier, source_ids FROM monitor_count ORDER BY as_of_first",
    );
    expect(counts).toEqual([
      {
        monitor: "Viasna",
        as_of: "2024-12-31",
        value: 1265,
        qualifier: "approx",
        source_ids: [ARTICLE_ID],
      },
      {
        monitor: "Viasna",
        as_of: "2025-09-16",
        value: 1000,
        qualifier: "more_than",
        source_ids: [ARTICLE_ID],
      },
    ]);
    expect(await store.query("SELECT count(*)::int AS n FROM diplomatic_event")).toEqual([
      { n: 0 },
    ]);
    expect(await listDrafts(store, { status: "accepted" })).toHaveLength(5);
    expect(await listDrafts(store, { status: "rejected" })).toHaveLength(1);
  });
});

describeEachStore("drafts: a fact the registry already holds", (use) => {
  it("is linked: the article is added to the existing record's sources", async () => {
    const { store } = use();
    await importBundle(store, PUBLIC_DATA_DIR);
    const operations = await store.query("SELECT count(*)::int AS n FROM release_operation");
    const drafts = await saveFounding(store);
    const op = byPayload(drafts, "release_operation", (p) => p.announced_count === 52);
    const result = await acceptDraft(store, op.id, { actor: ACTOR });
    expect(result).toMatchObject({ action: "linked", recordId: "op-2025-09-11" });
    const [record] = await store.query<{ source_ids: string[]; version: number }>(
      "SELECT source_ids, version FROM release_operation WHERE id = 'op-2025-09-11'",
    );
    expect(record?.source_ids).toEqual(["founding-article", ARTICLE_ID]);
    expect(record?.version).toBe(2);
    expect(await store.query("SELECT count(*)::int AS n FROM release_operation")).toEqual(
      operations,
    );

    const measure = byPayload(drafts, "measure", () => true);
    expect(await acceptDraft(store, measure.id, { actor: ACTOR })).toMatchObject({
      action: "linked",
      recordId: "m-belavia",
    });
    const count = byPayload(drafts, "monitor_count", (p) => p.value === 1265);
    expect(await acceptDraft(store, count.id, { actor: ACTOR })).toMatchObject({
      action: "linked",
      recordId: "mc-2024-12-31",
    });
    // The draft names the actor "US"; the registry writes "United States".
    const embassy = byPayload(drafts, "diplomatic_event", (p) => p.kind === "embassy");
    expect(await acceptDraft(store, embassy.id, { actor: ACTOR })).toMatchObject({
      action: "linked",
      recordId: "de-2025-09-embassy",
    });
    const audit = await store.query(
      "SELECT entity, entity_id, action FROM audit_log WHERE batch = $1 ORDER BY id",
      [`draft ${op.id} accepted`],
    );
    expect(audit).toEqual([
      { entity: "source", entity_id: ARTICLE_ID, action: "insert" },
      { entity: "release_operation", entity_id: "op-2025-09-11", action: "update" },
      { entity: "draft", entity_id: String(op.id), action: "update" },
    ]);
  });
});

describeEachStore("drafts: two reviewers accept the same draft at once", (use) => {
  it("one accepts, the other is told it was already accepted", async () => {
    const { store } = use();
    const [first] = await saveFounding(store);
    const id = (first as DraftRow).id;
    const results = await Promise.allSettled([
      acceptDraft(store, id, { actor: "a" }),
      acceptDraft(store, id, { actor: "b" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const [failure] = results.filter((r) => r.status === "rejected");
    expect(String((failure as PromiseRejectedResult).reason)).toMatch(/was already accepted/);
    expect(await store.query("SELECT count(*)::int AS n FROM release_operation")).toEqual([
      { n: 1 },
    ]);
  });

  it("a source id that already names another text is refused", async () => {
    const { store } = use();
    await saveDrafts(store, { text: "A", language: "en", sourceId: "x1" }, [], { actor: ACTOR });
    const before = await snapshot(store);
    const message = await refused(
      saveDrafts(store, { text: "B", language: "en", sourceId: "x1" }, [], { actor: ACTOR }),
    );
    expect(message).toBe('source id "x1" already names another article\'s text; choose another id');
    expect(await snapshot(store)).toEqual(before);
  });
});
