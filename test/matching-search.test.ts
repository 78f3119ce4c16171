/**
 * Name search on both stores: every spelling finds the person; what each role may find;
 * keys follow the names as they are written.
 */
import { describe, expect, it } from "vitest";
import type { Person } from "../src/domain/model.ts";
import { ROMANIZATION_SYSTEMS, romanize, systemLanguage } from "../src/domain/names/romanize.ts";
import { deleteRecord, restoreDeleted } from "../src/services/record-writes.ts";
import { lostDiacritics, queryKeys, searchPeople } from "../src/services/search.ts";
import { writeBundle } from "../src/store/bundle-writer.ts";
import { refreshNameKeys } from "../src/store/names.ts";
import { loadFixture, PEOPLE } from "./helpers/matching-fixtures.ts";
import { describeEachStore } from "./helpers/stores.ts";

const BELARUSIAN = "Андрэй Хурсколскі";
const RUSSIAN = "Андрей Хурсколский";

describeEachStore("name search", (use) => {
  it("loads the fixture", async () => {
    await loadFixture(use().store);
  });

  describe("every spelling of p1 finds p1 first", () => {
    const spellings = [
      BELARUSIAN,
      RUSSIAN,
      "Хурсколскі Андрэй Віктаравіч",
      "Хурсколский",
      "HURSKOLSKI",
      "Andrei Khurskolski",
      "Khurskolskiy Andrey",
      ...ROMANIZATION_SYSTEMS.map((s) =>
        romanize(systemLanguage(s) === "be" ? BELARUSIAN : RUSSIAN, s),
      ),
    ];
    it.each(spellings)("%s", async (query) => {
      const hits = await searchPeople(use().store, query, { role: "admin", limit: 10 });
      expect(hits[0]?.id === "p1" || hits[0]?.id === "p4").toBe(true);
      const ids = hits.map((h) => h.id);
      expect(ids).toContain("p1");
      expect(ids).toContain("p4");
    });
  });

  it("answers with id, name, the form that matched and a score, best first", async () => {
    const hits = await searchPeople(use().store, "Zeslenovich Volha", { role: "admin" });
    expect(hits[0]).toEqual({
      id: "p2",
      name: "Вольга Юр'еўна Зесленовіч",
      matchedForm: "Volha Zeslenovich",
      score: 1,
    });
    expect(hits[1]?.id).toBe("p5");
    expect(hits[1]?.score).toBeLessThan(1);
  });

  it("anonymous readers find only people public with consent, and not by their aliases", async () => {
    const store = use().store;
    const publicHits = await searchPeople(store, RUSSIAN, { role: "public" });
    expect(publicHits.map((h) => h.id)).toEqual(["p1"]);
    expect(await searchPeople(store, "Zeslenovich", { role: "public" })).toEqual([]);
    expect(await searchPeople(store, "Пухавік", { role: "public" })).toEqual([]);
    // The official form, never the alias, is shown to them.
    expect(publicHits[0]?.matchedForm).not.toBe("Андрей Викторович Хурсколский");
  });

  it("viewers also find restricted people and aliases; editors find everyone", async () => {
    const store = use().store;
    const viewer = await searchPeople(store, "Zeslenovich", { role: "viewer" });
    expect(viewer.map((h) => h.id).sort()).toEqual(["p2", "p5"]);
    const alias = await searchPeople(store, "Andrus Pukhavik", { role: "viewer" });
    expect(alias[0]).toMatchObject({ id: "p1", matchedForm: "Андрусь Пухавік" });
    expect((await searchPeople(store, "Каттутук", { role: "viewer" })).length).toBe(0);
    expect((await searchPeople(store, "Kattutuk", { role: "editor" }))[0]?.id).toBe("p3");
  });

  it("finds a misspelt ending by the word's beginning", async () => {
    const hits = await searchPeople(use().store, "Khurskolsk", { role: "admin" });
    expect(hits.map((h) => h.id)).toContain("p1");
  });

  it("an empty or punctuation-only query finds nobody", async () => {
    expect(await searchPeople(use().store, " ,. ", { role: "admin" })).toEqual([]);
  });

  it("a deleted and restored person is found again by a Latin spelling", async () => {
    const store = use().store;
    const admin = { role: "admin", actor: "test-admin" } as const;
    await deleteRecord(store, "person", "p2", admin);
    expect(await searchPeople(store, "Volha Zeslenovich", { role: "admin" })).not.toContainEqual(
      expect.objectContaining({ id: "p2" }),
    );
    await restoreDeleted(store, "person", "p2", admin);
    const hits = await searchPeople(store, "Volha Zeslenovich", { role: "admin" });
    expect(hits[0]).toMatchObject({ id: "p2", matchedForm: "Volha Zeslenovich" });
  });

  it("keys follow the names: a person renamed by a re-import is found by the new name only", async () => {
    const store = use().store;
    const renamed = { ...(PEOPLE[2] as Person), name: "Мікалай Алегавіч Дрокавіч" };
    await store.transaction((tx) =>
      writeBundle(tx, { people: [renamed] }, { actor: "test", batch: "rename" }),
    );
    expect((await searchPeople(store, "Drokavich", { role: "admin" }))[0]?.id).toBe("p3");
    expect(await searchPeople(store, "Kattutuk", { role: "admin" })).toEqual([]);
  });

  it("refreshNameKeys recomputes keys after a write that did not", async () => {
    const store = use().store;
    await store.transaction(async (tx) => {
      await tx.query("UPDATE person SET name = $1 WHERE id = 'p3'", ["Мікалай Алегавіч Сцымколук"]);
      await refreshNameKeys(tx, ["p3"]);
    });
    expect((await searchPeople(store, "Stsymkoluk", { role: "admin" }))[0]?.id).toBe("p3");
  });
});

describe("query keys", () => {
  it("put back the č š ž a Latin spelling may have lost", () => {
    expect(lostDiacritics("lukasenka")).toEqual(["lukasenka", "lukašenka"]);
    // Digraphs stay: ch is х, sz is ш, dz is дз.
    expect(lostDiacritics("chadzko")).toEqual(["chadzko"]);
    expect(lostDiacritics("збігнеў")).toEqual(["збігнеў"]);
    expect(lostDiacritics("zzzzzz").length).toBe(8);
  });

  it("a query in either order gives the same pair key", () => {
    expect(queryKeys("Siarhei Tsikhanouski").pairKeys).toContain("srh|thnsk");
    expect(queryKeys("Тихановский Сергей Николаевич").pairKeys).toContain("srh|thnsk");
  });
});
