/**
 * Matching over the registry, the review queue, merges and their undoing, on both stores:
 * history kept, every change audited, an undo restores the rows exactly, bad requests
 * change nothing.
 */
import { expect, it } from "vitest";
import {
  acceptCandidate,
  findMatches,
  linkCandidates,
  MergeError,
  mergePeople,
  rejectCandidate,
  reviewQueue,
  undoMerge,
} from "../src/services/matching.ts";
import { searchPeople } from "../src/services/search.ts";
import type { Queryable } from "../src/store/connection.ts";
import { loadFixture } from "./helpers/matching-fixtures.ts";
import { describeEachStore } from "./helpers/stores.ts";

/** The rows a merge touches, to compare before and after an undo. */
async function snapshot(q: Queryable) {
  return {
    people: await q.query(
      `SELECT id, name, name_latin, birth_date, birth_first, birth_last, gender, region, occupation,
              health, visibility, consent, synthetic FROM person ORDER BY id`,
    ),
    names: await q.query("SELECT * FROM person_name ORDER BY person_id, name"),
    events: await q.query("SELECT id, person_id FROM event ORDER BY id"),
    keys: await q.query("SELECT kind, key, person_id, alias FROM person_name_key ORDER BY 1, 2, 3"),
  };
}

async function auditCount(q: Queryable): Promise<number> {
  const [row] = await q.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log");
  return row?.n ?? 0;
}

describeEachStore("merges and their undoing", (use) => {
  it("loads the fixture", async () => {
    await loadFixture(use().store);
  });

  it("a merge moves events and names, keeps the stricter visibility, and is audited", async () => {
    const store = use().store;
    const before = await snapshot(store);
    const outcome = await mergePeople(store, { into: "p1", from: "p4", actor: "tester" });
    expect(outcome.movedEvents).toBe(2);
    expect(outcome.addedNames.sort()).toEqual([
      "Khurskolskiy Andrey",
      "Хурсколский Андрей Викторович",
    ]);
    // p1 had no health; p4 was private, so the merged record is private too.
    expect(outcome.changedFields.sort()).toEqual(["consent", "health", "visibility"]);
    const [p1] = await store.query<{ visibility: string; consent: string; health: string }>(
      "SELECT visibility, consent, health FROM person WHERE id = 'p1'",
    );
    expect(p1).toEqual({ visibility: "private", consent: "unknown", health: "diabetes" });
    expect(await store.query("SELECT id FROM person WHERE id = 'p4'")).toEqual([]);
    const events = await store.query<{ id: string }>(
      "SELECT id FROM event WHERE person_id = 'p1' ORDER BY id",
    );
    expect(events.map((e) => e.id)).toEqual(["e1", "e2", "e3"]);
    // Found by the merged person's spellings, and no longer public.
    expect((await searchPeople(store, "Khurskolskiy", { role: "admin" }))[0]?.id).toBe("p1");
    expect(await searchPeople(store, "Хурсколский", { role: "public" })).toEqual([]);
    const audit = await store.query<{ entity: string; action: string }>(
      "SELECT entity, action FROM audit_log WHERE batch = $1 ORDER BY id",
      [`merge:${outcome.mergeId}`],
    );
    const kinds = new Set(audit.map((a) => `${a.entity} ${a.action}`));
    for (const kind of [
      "person_merge insert",
      "event update",
      "person_name insert",
      "person update",
      "person delete",
    ]) {
      expect(kinds).toContain(kind);
    }

    const undone = await undoMerge(store, outcome.mergeId, { actor: "tester" });
    expect(undone).toMatchObject({ restoredEvents: 2, eventsNotRestored: 0, removedNames: 2 });
    expect(undone.restoredFields.sort()).toEqual(["consent", "health", "visibility"]);
    expect(await snapshot(store)).toEqual(before);
    const unmergeAudit = await store.query("SELECT 1 FROM audit_log WHERE batch = $1", [
      `unmerge:${outcome.mergeId}`,
    ]);
    expect(unmergeAudit.length).toBeGreaterThan(4);
  });

  it("refuses bad merges with a clear message and changes nothing", async () => {
    const store = use().store;
    const before = await snapshot(store);
    const audit = await auditCount(store);
    await expect(mergePeople(store, { into: "p1", from: "nobody", actor: "t" })).rejects.toThrow(
      'no person with id "nobody"',
    );
    await expect(mergePeople(store, { into: "p1", from: "p1", actor: "t" })).rejects.toThrow(
      'cannot merge person "p1" into itself',
    );
    await expect(undoMerge(store, 999, { actor: "t" })).rejects.toThrow("no merge #999");
    expect(await snapshot(store)).toEqual(before);
    expect(await auditCount(store)).toBe(audit);
  });

  it("undoes merges in reverse order only, and each once", async () => {
    const store = use().store;
    const before = await snapshot(store);
    const first = await mergePeople(store, { into: "p1", from: "p4", actor: "t" });
    const second = await mergePeople(store, { into: "p3", from: "p1", actor: "t" });
    await expect(mergePeople(store, { into: "p2", from: "p4", actor: "t" })).rejects.toThrow(
      `person "p4" was merged into "p1" by merge #${first.mergeId}`,
    );
    await expect(undoMerge(store, first.mergeId, { actor: "t" })).rejects.toThrow(
      `undo merge #${second.mergeId} first`,
    );
    await undoMerge(store, second.mergeId, { actor: "t" });
    await undoMerge(store, first.mergeId, { actor: "t" });
    await expect(undoMerge(store, first.mergeId, { actor: "t" })).rejects.toThrow("already undone");
    expect(await snapshot(store)).toEqual(before);
  });
});

describeEachStore("matching over the registry and the review queue", (use) => {
  it("loads the fixture", async () => {
    await loadFixture(use().store);
  });

  it("finds the registry people incoming records are", async () => {
    const [known, unknown] = await findMatches(use().store, [
      {
        id: "in1",
        names: ["KHURSKOLSKI ANDREI"],
        birth: { first: 5184, last: 5184 },
        region: "Minsk",
        gender: null,
      },
      { id: "in2", names: ["Nobody Atall"], birth: null, region: null, gender: null },
    ]);
    expect(known?.candidates[0]?.rightId).toMatch(/^p[14]$/);
    const fields = known?.candidates[0]?.fields.map((f) => f.field);
    expect(fields).toEqual(["surname", "given", "patronymic", "birth", "region", "gender"]);
    expect(unknown?.decision).toBe("none");
  });

  it("a dry run reports and writes nothing", async () => {
    const store = use().store;
    const audit = await auditCount(store);
    const summary = await linkCandidates(store, { actor: "t", dryRun: true });
    expect(summary.merged).toHaveLength(1);
    expect(await auditCount(store)).toBe(audit);
    expect(await store.query("SELECT 1 FROM match_candidate")).toEqual([]);
  });

  it("merges the certain duplicate and queues the look-alike", async () => {
    const store = use().store;
    const summary = await linkCandidates(store, { actor: "matcher" });
    expect(summary.merged).toEqual([
      expect.objectContaining({ into: "p1", from: "p4", mergeId: expect.any(Number) }),
    ]);
    const queue = await reviewQueue(store);
    expect(queue.map((c) => [c.leftId, c.rightId])).toEqual([["p2", "p5"]]);
    const explanation = queue[0]?.explanation as { fields: { field: string; level: string }[] };
    expect(explanation.fields.find((f) => f.field === "birth")?.level).toBe("different");
    const linked = await reviewQueue(store, { status: "linked" });
    expect(linked).toHaveLength(1);
    expect(linked[0]?.mergeId).toBe(summary.merged[0]?.mergeId);

    // Running again proposes nothing new.
    const again = await linkCandidates(store, { actor: "matcher" });
    expect(again.merged).toEqual([]);
    expect(again.queued).toBe(1);
  });

  it("a rejected pair is not proposed again; an accepted one is merged", async () => {
    const store = use().store;
    const [pending] = await reviewQueue(store);
    if (!pending) throw new Error("no pending pair");
    await rejectCandidate(store, pending.id, { actor: "reviewer", note: "different years" });
    await expect(rejectCandidate(store, pending.id, { actor: "reviewer" })).rejects.toThrow(
      `review candidate #${pending.id} was already decided: rejected by reviewer`,
    );
    expect(await reviewQueue(store)).toEqual([]);
    const again = await linkCandidates(store, { actor: "matcher" });
    expect(again.queued).toBe(0);
    expect(again.alreadyDecided).toBeGreaterThanOrEqual(1);
  });

  it("undoing an automatic merge marks the pair rejected", async () => {
    const store = use().store;
    const [linked] = await reviewQueue(store, { status: "linked" });
    await undoMerge(store, linked?.mergeId as number, { actor: "reviewer" });
    const [after] = await reviewQueue(store, { status: "rejected", limit: 10 }).then((rows) =>
      rows.filter((r) => r.id === linked?.id),
    );
    expect(after?.note).toContain("undone");
    expect((await store.query("SELECT id FROM person WHERE id = 'p4'")).length).toBe(1);
    // Accepting by hand: a fresh pending pair made for the test.
    await store.query(
      `INSERT INTO match_candidate (left_id, right_id, probability, weight, explanation, created_by)
       VALUES ('p3', 'p4', 0.5, 0, '{}', 't')`,
    );
    const [pending] = await reviewQueue(store);
    await expect(
      acceptCandidate(store, pending?.id as number, { actor: "r", into: "p1" }),
    ).rejects.toThrow('--into must be one of the pair: "p3" or "p4"');
    const merged = await acceptCandidate(store, pending?.id as number, { actor: "r", into: "p4" });
    expect(merged.movedEvents).toBe(0);
    expect((await store.query("SELECT id FROM person WHERE id = 'p3'")).length).toBe(0);
    const [accepted] = await reviewQueue(store, { status: "accepted" });
    expect(accepted?.mergeId).toBe(merged.mergeId);
  });
});

it("MergeError is a user error (a message, no stack)", () => {
  expect(new MergeError("x")).toBeInstanceOf(Error);
});
