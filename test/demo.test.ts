/**
 * The demo loader: the synthetic rows are COPYed into the empty tables and audited one row
 * per batch (docs/adr/0002), and the name-search keys are built and marked current, so a
 * freshly loaded demo is searchable by any spelling before any server start.
 */
import { beforeAll, expect, it } from "vitest";
import { loadDemo } from "../src/ingest/demo.ts";
import { searchPeople } from "../src/services/search.ts";
import { recordHistory } from "../src/store/audit.ts";
import { NAME_KEY_VERSION, nameKeyVersion } from "../src/store/names.ts";
import { describeEachStore } from "./helpers/stores.ts";

describeEachStore("demo loader", (use) => {
  beforeAll(async () => {
    await loadDemo(use().store, { people: 300, seed: 2 });
  }, 120_000);

  it("audits the synthetic rows per batch, with every id, and nothing twice", async () => {
    const { store } = use();
    for (const [entity, table] of [
      ["person", "person"],
      ["person_name", "person_name"],
      ["event", "event"],
    ] as const) {
      const [rows] = await store.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
      const audit = await store.query<{
        entity_id: string;
        after: { rows: number; ids: string[] };
      }>("SELECT entity_id, after FROM audit_log WHERE entity = $1", [entity]);
      expect(audit.length, entity).toBeGreaterThan(0);
      expect(
        audit.every((a) => a.entity_id === "*"),
        entity,
      ).toBe(true);
      const ids = audit.flatMap((a) => a.after.ids);
      expect(ids.length, entity).toBe(rows?.n);
      expect(new Set(ids).size, entity).toBe(rows?.n);
    }
    const [person] = await store.query<{ id: string }>(
      "SELECT id FROM person WHERE synthetic ORDER BY id LIMIT 1",
    );
    const history = await recordHistory(store, "person", person?.id as string, "person_name");
    expect(history.map((h) => [h.entity, h.batch])).toEqual([
      ["person", "demo seed=2 people=300"],
      ["person_name", "demo seed=2 people=300"],
    ]);
  });

  it("builds the name-search keys and marks them current", async () => {
    const { store } = use();
    expect(await nameKeyVersion(store)).toBe(NAME_KEY_VERSION);
    const [someone] = await store.query<{ id: string; name_latin: string }>(
      "SELECT id, name_latin FROM person WHERE name_latin IS NOT NULL ORDER BY id LIMIT 1",
    );
    const hits = await searchPeople(store, someone?.name_latin as string, { role: "admin" });
    expect(hits.map((h) => h.id)).toContain(someone?.id);
  });
});
