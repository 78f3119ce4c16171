/**
 * The registry page's filters on GET /api/people: criminal-code article, release
 * mechanism, health concern and recognition by a monitor, alone and with status, region,
 * sort and pages; who may use which, and that no filter ever shows a person to a reader
 * who may not see them.
 */
import { beforeAll, expect, it } from "vitest";
import type { CaseEvent, EventType, Person, ReleaseMechanism } from "../../src/domain/model.ts";
import { parsePartialDate } from "../../src/domain/partial-date.ts";
import type { Api } from "../../src/server/routes/types.ts";
import { writeBundle } from "../../src/store/bundle-writer.ts";
import { describeEachStore } from "../helpers/stores.ts";
import { account, call, sessionHeaders, testApp } from "./helpers.ts";

function range(text: string) {
  const d = parsePartialDate(text);
  return { text: d.text, first: d.first, last: d.last };
}

type Visibility = "public" | "restricted" | "private";

function person(id: string, visibility: Visibility, health: string | null): Person {
  return {
    id,
    name: `Name ${id}`,
    nameLatin: `Latin ${id}`,
    birthDate: null,
    gender: null,
    region: id === "C" ? "Brest Region" : "Minsk",
    occupation: null,
    health,
    visibility,
    consent: visibility === "public" ? "granted" : "unknown",
    synthetic: id !== "B",
  };
}

let serial = 0;
function event(
  personId: string,
  type: EventType,
  date: string,
  extra: { articles?: string; mechanism?: ReleaseMechanism; monitor?: string } = {},
): CaseEvent {
  serial += 1;
  return {
    id: `e${serial}`,
    personId,
    type,
    date: range(date),
    mechanism: extra.mechanism ?? null,
    operationId: null,
    monitor: extra.monitor ?? null,
    facility: null,
    articles: extra.articles ?? null,
    sentenceMonths: null,
    description: null,
    sourceIds: ["s1"],
  };
}

/**
 * A: released by pardon, ill, articles 342 and 361-1, recognized by Viasna.
 * B: released by amnesty, article 3421 (not 342), recognition withdrawn.
 * C: held, article 361.2, blank health, recognized by Dissidentby.
 * D: private copy of A. E: restricted, held, article 342, ill, recognized by Viasna.
 */
const PEOPLE = [
  person("A", "public", "diabetes"),
  person("B", "public", null),
  person("C", "public", "  "),
  person("D", "private", "asthma"),
  person("E", "restricted", "heart"),
];
const EVENTS = [
  event("A", "detained", "2020-08"),
  event("A", "sentenced", "2021-02", { articles: "342; 361-1" }),
  event("A", "recognized", "2020-09", { monitor: "Viasna" }),
  event("A", "released", "2022-05-01", { mechanism: "pardon" }),
  event("B", "detained", "2021"),
  event("B", "sentenced", "2021-10", { articles: "3421" }),
  event("B", "recognized", "2021-11", { monitor: "Viasna" }),
  event("B", "recognition_withdrawn", "2022-03", { monitor: "Viasna" }),
  event("B", "released", "2023-01-10", { mechanism: "amnesty" }),
  event("C", "detained", "2022-01-05"),
  event("C", "charged", "2022-02", { articles: "361.2" }),
  event("C", "recognized", "2022-03", { monitor: "Dissidentby" }),
  event("D", "detained", "2020-08"),
  event("D", "sentenced", "2021-02", { articles: "342" }),
  event("D", "recognized", "2020-09", { monitor: "Viasna" }),
  event("D", "released", "2022-05-01", { mechanism: "pardon" }),
  event("E", "detained", "2021-03"),
  event("E", "sentenced", "2021-09", { articles: "342" }),
  event("E", "recognized", "2021-10", { monitor: "Viasna" }),
];

describeEachStore("registry filters on GET /api/people", (use) => {
  let app: Api;
  let viewer: Record<string, string>;
  let editor: Record<string, string>;

  beforeAll(async () => {
    const { store } = use();
    await store.transaction((tx) =>
      writeBundle(
        tx,
        {
          sources: [
            {
              id: "s1",
              title: "Synthetic source",
              publisher: null,
              url: null,
              published: null,
              language: null,
              reliability: null,
              credibility: null,
            },
          ],
          people: PEOPLE,
          events: EVENTS,
        },
        { actor: "test", batch: "filters" },
      ),
    );
    app = await testApp(store);
    viewer = await sessionHeaders(store, await account(store, "vi", "viewer"));
    editor = await sessionHeaders(store, await account(store, "ed", "editor"));
  });

  async function ids(query: string, headers?: Record<string, string>): Promise<string[]> {
    const response = await call(app, "GET", `/api/people?${query}`, { headers });
    expect(response.statusCode, response.body).toBe(200);
    return (response.json().items as { id: string }[]).map((p) => p.id).sort();
  }

  it("finds people by a criminal-code article named in their events, parts included", async () => {
    expect(await ids("article=342")).toEqual(["A"]);
    expect(await ids("article=342", viewer)).toEqual(["A", "E"]);
    expect(await ids("article=342", editor)).toEqual(["A", "D", "E"]);
    expect(await ids("article=361")).toEqual(["A", "C"]);
    expect(await ids("article=361-1")).toEqual(["A"]);
    expect(await ids("article=3421")).toEqual(["B"]);
    expect(await ids("article=34")).toEqual([]);
    expect(await ids("article=%25")).toEqual([]);
  });

  it("finds people released by a mechanism (signed-in readers)", async () => {
    expect(await ids("mechanism=pardon", viewer)).toEqual(["A"]);
    expect(await ids("mechanism=pardon", editor)).toEqual(["A", "D"]);
    expect(await ids("mechanism=amnesty", viewer)).toEqual(["B"]);
    expect(await ids("mechanism=deported", viewer)).toEqual([]);
  });

  it("finds people with or without a recorded health concern (signed-in readers)", async () => {
    expect(await ids("health=true", viewer)).toEqual(["A", "E"]);
    expect(await ids("health=false", viewer)).toEqual(["B", "C"]);
    expect(await ids("health=true", editor)).toEqual(["A", "D", "E"]);
  });

  it("finds people recognized by a monitor, not those whose recognition was withdrawn", async () => {
    expect(await ids("recognizedBy=Viasna", viewer)).toEqual(["A", "E"]);
    expect(await ids("recognizedBy=Viasna", editor)).toEqual(["A", "D", "E"]);
    expect(await ids("recognizedBy=Dissidentby", viewer)).toEqual(["C"]);
    expect(await ids("recognizedBy=Nobody", viewer)).toEqual([]);
  });

  it("combines the filters with status, region, sort and pages", async () => {
    expect(await ids("article=342&status=held", viewer)).toEqual(["E"]);
    expect(await ids("article=342&status=released&mechanism=pardon", editor)).toEqual(["A", "D"]);
    expect(await ids("recognizedBy=Viasna&health=true&region=Minsk", editor)).toEqual([
      "A",
      "D",
      "E",
    ]);
    expect(await ids("article=361&region=Brest%20Region")).toEqual(["C"]);
    const page = await call(app, "GET", "/api/people?article=342&sort=-name&limit=2&offset=1", {
      headers: editor,
    });
    expect(page.statusCode).toBe(200);
    const body = page.json();
    expect(body.total).toBe(3);
    expect(body.items.map((p: { id: string }) => p.id)).toEqual(["D", "A"]);
  });

  it("refuses anonymous readers the filters on non-public fields, naming the parameter", async () => {
    for (const query of [
      "health=true",
      "health=false",
      "mechanism=pardon",
      "recognizedBy=Viasna",
    ]) {
      const response = await call(app, "GET", `/api/people?${query}`);
      expect(response.statusCode, query).toBe(400);
      const body = response.json();
      const field = query.split("=")[0];
      expect(body.error.fields.map((f: { field: string }) => f.field)).toEqual([field]);
      expect(body.error.message).toContain("signing in");
      expect(body.items).toBeUndefined();
      expect(response.body).not.toContain("Name A");
    }
  });

  it("refuses values it does not know, naming the field", async () => {
    const bad: [string, string][] = [
      ["mechanism=bribe", "mechanism"],
      ["health=maybe", "health"],
      [`article=${"9".repeat(201)}`, "article"],
    ];
    for (const [query, field] of bad) {
      const response = await call(app, "GET", `/api/people?${query}`, { headers: editor });
      expect(response.statusCode, query).toBe(400);
      expect(response.json().error.message).toContain(field);
    }
  });

  it("applies the same filters to the name search's matches", async () => {
    const search = async (query: string, headers?: Record<string, string>) => {
      const response = await call(app, "GET", `/api/search/people?q=Name&limit=100&${query}`, {
        headers,
      });
      expect(response.statusCode, response.body).toBe(200);
      return (response.json().items as { id: string }[]).map((p) => p.id).sort();
    };
    expect(await search("")).toEqual(["A", "B", "C"]);
    expect(await search("article=342")).toEqual(["A"]);
    expect(await search("article=342", editor)).toEqual(["A", "D", "E"]);
    expect(await search("status=held&article=361")).toEqual(["C"]);
    expect(await search("mechanism=pardon&health=true", editor)).toEqual(["A", "D"]);
    expect(await search("recognizedBy=Viasna", viewer)).toEqual(["A", "E"]);
    const refused = await call(app, "GET", "/api/search/people?q=Nothing&health=true");
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields.map((f: { field: string }) => f.field)).toEqual(["health"]);
    const blank = await call(app, "GET", "/api/people?article=%20%20");
    expect(blank.statusCode).toBe(400);
    expect(blank.json().error.fields).toEqual([
      expect.objectContaining({ field: "article", message: expect.stringMatching(/blank/) }),
    ]);
  });

  it("says in the health check how many people are synthetic, over every visibility", async () => {
    const response = await call(app, "GET", "/api/health");
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ ok: true, people: 5, syntheticPeople: 4 });
  });

  it("never shows a private person to an anonymous reader, whatever the filter", async () => {
    const queries = [
      "article=342",
      "article=361",
      "status=released",
      "status=held",
      "region=Minsk",
      "q=Name",
      "sort=-name",
    ];
    for (const query of queries) {
      const response = await call(app, "GET", `/api/people?${query}&limit=500`);
      expect(response.statusCode, query).toBe(200);
      expect(response.body, query).not.toMatch(/Name [DE]|"[DE]"/);
      expect(response.json().total, query).toBeLessThanOrEqual(3);
    }
    // The same queries as a viewer never show the private one.
    for (const query of [...queries, "mechanism=pardon", "health=true", "recognizedBy=Viasna"]) {
      const response = await call(app, "GET", `/api/people?${query}&limit=500`, {
        headers: viewer,
      });
      expect(response.statusCode, query).toBe(200);
      expect(response.body, query).not.toContain("Name D");
    }
  });
});
