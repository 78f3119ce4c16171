/**
 * Hostile input in every text field of every record (SQL fragments, markup, very long
 * strings, control characters, mixed scripts) is stored and returned exactly, or refused
 * with a 400 naming the field; malformed JSON, wrong types and oversized bodies get
 * 400/413/415; and no refused request leaves anything written.
 */
import { beforeAll, expect, it } from "vitest";
import type { Api } from "../../src/server/routes/types.ts";
import { auditHead } from "../../src/store/audit.ts";
import type { Store } from "../../src/store/connection.ts";
import { describeEachStore } from "../helpers/stores.ts";
import { PUBLIC_ID, seedFixture } from "./fixture.ts";
import { account, call, sessionHeaders, testApp } from "./helpers.ts";
import { finished, upload } from "./upload.ts";

interface Hostile {
  label: string;
  value: string;
  /** Why it is refused, or undefined when it must be stored as it is. */
  refused?: RegExp;
}

const HOSTILE: Hostile[] = [
  { label: "SQL", value: "Robert'); DROP TABLE person; --" },
  { label: "SQL without spaces", value: "x'||(SELECT/**/version())||'" },
  { label: "markup", value: "<script>alert('x')</script><img src=x onerror=alert(1)>" },
  { label: "mixed scripts", value: "Алeксандр Łukašenka 李小龍 محمد עברית 👩‍⚖️" },
  { label: "LIKE wildcards", value: "100%_under_\\back\\" },
  { label: "quotes", value: `"double" 'single' \`back\`` },
  { label: "line breaks and tabs", value: "line 1\nline 2\r\n\ttabbed" },
  { label: "bidi override", value: "abc\u202Edef" },
  { label: "JSON", value: '{"$where":"1","__proto__":{}}' },
  {
    label: "100,000 characters",
    value: "я".repeat(100_000),
    refused: /longer than 10000 characters/,
  },
  { label: "NUL", value: "a\u0000b", refused: /control character U\+0000 at position 2/ },
  { label: "bell", value: "a\u0007b", refused: /control character U\+0007/ },
  { label: "ANSI escape", value: "a\u001b[31mred", refused: /control character U\+001B/ },
  { label: "C1 control", value: "a\u0085b", refused: /control character U\+0085/ },
  { label: "lone surrogate", value: "a\uD800b", refused: /surrogate/ },
];

const ID_SHAPE = /^[^\s;,]+$/;

interface Target {
  path: string;
  base: Record<string, unknown>;
  fields: string[];
}

const TARGETS: Target[] = [
  {
    path: "people",
    base: { name: "Test Person" },
    fields: ["id", "name", "nameLatin", "region", "occupation", "health", "names.0.name"],
  },
  {
    path: "events",
    base: {
      personId: PUBLIC_ID,
      type: "recognized",
      date: "2020-01",
      monitor: "Viasna",
      sourceIds: ["s-public"],
    },
    fields: ["id", "monitor", "facility", "articles", "description"],
  },
  {
    path: "sources",
    base: { title: "A source" },
    fields: ["id", "title", "publisher", "language"],
  },
  {
    path: "operations",
    base: { date: "2025-09-11", kind: "negotiated", sourceIds: ["s-public"] },
    fields: ["id", "mediators", "description"],
  },
  {
    path: "measures",
    base: { authority: "US", target: "Belavia", kind: "sanctions", sourceIds: ["s-public"] },
    fields: ["id", "authority", "target", "kind", "description"],
  },
  {
    path: "diplomatic-events",
    base: { date: "2025-09-10", kind: "visit", sourceIds: ["s-public"] },
    fields: ["id", "kind", "actors", "description"],
  },
  {
    path: "monitor-counts",
    base: { monitor: "Viasna", asOf: "2025-09-01", value: 1000, sourceIds: ["s-public"] },
    fields: ["id", "monitor"],
  },
];

function withField(base: Record<string, unknown>, field: string, value: string) {
  if (field === "names.0.name")
    return { ...base, names: [{ name: value, script: "other", kind: "alias" }] };
  return { ...base, [field]: value };
}

async function state(store: Store): Promise<string> {
  const [counts] = await store.query(
    `SELECT (SELECT count(*) FROM person)::int AS people, (SELECT count(*) FROM person_name)::int AS names,
            (SELECT count(*) FROM event)::int AS events, (SELECT count(*) FROM source)::int AS sources`,
  );
  return JSON.stringify({ counts, head: await auditHead(store) });
}

describeEachStore("hostile input", (use) => {
  let app: Api;
  let editor: Record<string, string>;
  let serial = 0;

  beforeAll(async () => {
    const { store } = use();
    await seedFixture(store);
    app = await testApp(store);
    editor = await sessionHeaders(store, await account(store, "ed", "editor"));
  });

  it("every text field stores hostile text exactly, or refuses it naming the field and leaving nothing written", async () => {
    const { store } = use();
    const problems: string[] = [];
    for (const target of TARGETS) {
      for (const field of target.fields) {
        for (const hostile of HOSTILE) {
          serial++;
          const isId = field === "id";
          const refused = isId
            ? hostile.value.length > 200
              ? /longer than 200 characters/
              : (hostile.refused ??
                (ID_SHAPE.test(hostile.value) ? undefined : /spaces, commas or semicolons/))
            : hostile.refused;
          const id = isId ? hostile.value : `hostile-${serial}`;
          const body = withField({ id, ...target.base }, field, hostile.value);
          const before = await state(store);
          const response = await call(app, "POST", `/api/${target.path}`, {
            headers: editor,
            body,
          });
          const where = `${target.path}.${field} ← ${hostile.label}`;
          if (refused) {
            const error = response.json().error;
            const named = error?.fields?.some(
              (f: { field: string; message: string }) =>
                f.field === field && refused.test(f.message),
            );
            if (response.statusCode !== 400 || !named) {
              problems.push(`${where}: ${response.statusCode} ${response.body.slice(0, 200)}`);
            }
            if ((await state(store)) !== before)
              problems.push(`${where}: refused but something was written`);
            continue;
          }
          if (response.statusCode !== 201) {
            problems.push(`${where}: ${response.statusCode} ${response.body.slice(0, 200)}`);
            continue;
          }
          const read = await call(app, "GET", `/api/${target.path}/${encodeURIComponent(id)}`, {
            headers: editor,
          });
          const record = read.json();
          const stored =
            field === "names.0.name" ? record.names?.[0]?.name : isId ? record.id : record[field];
          if (stored !== hostile.value)
            problems.push(`${where}: read back ${JSON.stringify(stored)?.slice(0, 80)}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("an update with hostile text is refused whole: the version does not move", async () => {
    const person = (await call(app, "GET", `/api/people/${PUBLIC_ID}`, { headers: editor })).json();
    const response = await call(app, "PATCH", `/api/people/${PUBLIC_ID}`, {
      headers: editor,
      body: { version: person.version, region: "fine", health: "bad\u0000" },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields).toEqual([
      { field: "health", in: "body", message: expect.stringMatching(/U\+0000/) },
    ]);
    const after = (await call(app, "GET", `/api/people/${PUBLIC_ID}`, { headers: editor })).json();
    expect(after.version).toBe(person.version);
    expect(after.region).toBe(person.region);
  });

  it("malformed JSON, wrong types, unknown fields, bad dates and oversized bodies get clear errors and write nothing", async () => {
    const { store } = use();
    const before = await state(store);
    const json = { ...editor, "content-type": "application/json" };
    const cases: [string, Parameters<typeof call>[3], number, string, RegExp][] = [
      [
        "malformed JSON",
        { headers: json, body: '{"name": "x",' },
        400,
        "bad_json",
        /not valid JSON/,
      ],
      ["empty body", { headers: json, body: "" }, 400, "bad_json", /empty/],
      [
        "not JSON",
        { headers: { ...editor, "content-type": "text/plain" }, body: "name=x" },
        415,
        "unsupported_media_type",
        /application\/json/,
      ],
      [
        "prototype poisoning",
        { headers: json, body: '{"name":"x","__proto__":{"admin":true}}' },
        400,
        "bad_json",
        /prototype/,
      ],
      [
        "a number for a name",
        { headers: editor, body: { name: 42 } },
        400,
        "validation",
        /name: Invalid input: expected string, received number/,
      ],
      [
        "an unknown field",
        { headers: editor, body: { name: "x", colour: "red" } },
        400,
        "validation",
        /colour: is not a field of this request/,
      ],
      [
        "a date that does not exist",
        { headers: editor, body: { name: "x", birthDate: "1990-02-30" } },
        400,
        "validation",
        /birthDate: day 30 does not exist in February 1990 \(it has 28 days\)/,
      ],
      [
        "public without consent",
        { headers: editor, body: { name: "x", visibility: "public" } },
        400,
        "validation",
        /consent: must be "granted" for a public record/,
      ],
      [
        "2 MB body",
        { headers: editor, body: { name: "x".repeat(2 * 1024 * 1024) } },
        413,
        "payload_too_large",
        /too large/,
      ],
    ];
    for (const [label, options, status, code, message] of cases) {
      const response = await call(app, "POST", "/api/people", options);
      expect(response.statusCode, `${label}: ${response.body}`).toBe(status);
      expect(response.json().error.code, label).toBe(code);
      expect(response.json().error.message, label).toMatch(message);
    }
    const event = await call(app, "POST", "/api/events", {
      headers: editor,
      body: {
        personId: "nobody",
        type: "detained",
        date: "2021",
        sourceIds: ["s-public", "nope"],
        sentenceMonths: "12",
      },
    });
    expect(event.statusCode).toBe(400);
    expect(event.json().error.fields).toEqual([
      {
        field: "sentenceMonths",
        in: "body",
        message: "Invalid input: expected number, received string",
      },
    ]);
    const refs = await call(app, "POST", "/api/events", {
      headers: editor,
      body: {
        personId: "nobody",
        type: "released",
        date: "2021",
        sourceIds: ["s-public", "nope"],
        mechanism: "pardon",
      },
    });
    expect(refs.json().error.fields).toEqual([
      { field: "sourceIds", message: 'unknown source "nope"' },
      { field: "personId", message: 'unknown person "nobody"' },
    ]);
    expect(await state(store)).toBe(before);
  });

  it("review desk: hostile text in an article's fields and a draft's edits is stored exactly, or refused naming the field", async () => {
    const { store } = use();
    const problems: string[] = [];
    const article = (n: number) =>
      `Le 11 septembre 2025, 52 prisonniers ont été libérés (article ${n}).`;
    for (const field of ["title", "publisher", "url"]) {
      for (const hostile of HOSTILE) {
        serial++;
        const where = `articles.${field} ← ${hostile.label}`;
        const refused = hostile.value.length > 500 ? /longer than/ : hostile.refused;
        const before = await state(store);
        const response = await call(app, "POST", "/api/review/articles", {
          headers: editor,
          body: { text: article(serial), published: "2025-09-16", [field]: hostile.value },
        });
        if (refused) {
          const named = response
            .json()
            .error?.fields?.some(
              (f: { field: string; message: string }) =>
                f.field === field && refused.test(f.message),
            );
          if (response.statusCode !== 400 || !named)
            problems.push(`${where}: ${response.statusCode} ${response.body.slice(0, 200)}`);
          if ((await state(store)) !== before)
            problems.push(`${where}: refused but something was written`);
          continue;
        }
        if (response.statusCode !== 201) {
          problems.push(`${where}: ${response.statusCode} ${response.body.slice(0, 200)}`);
          continue;
        }
        const [row] = await store.query<Record<string, string>>(
          "SELECT title, publisher, url FROM draft_article WHERE source_id = $1",
          [response.json().articleSourceId],
        );
        if (row?.[field] !== hostile.value)
          problems.push(`${where}: read back ${JSON.stringify(row?.[field])?.slice(0, 80)}`);
      }
    }
    const pasted = await call(app, "POST", "/api/review/articles", {
      headers: editor,
      body: { text: article(0), published: "2025-09-16" },
    });
    const draft = pasted.json().drafts?.[0];
    expect(draft?.kind, pasted.body).toBe("release_operation");
    for (const hostile of HOSTILE) {
      const where = `drafts edits.description ← ${hostile.label}`;
      const before = await state(store);
      const response = await call(app, "PATCH", `/api/review/drafts/${draft.id}`, {
        headers: editor,
        body: { edits: { description: hostile.value } },
      });
      if (hostile.refused) {
        const named = response
          .json()
          .error?.fields?.some(
            (f: { field: string; message: string }) =>
              f.field === "edits.description" && hostile.refused?.test(f.message),
          );
        if (response.statusCode !== 400 || !named)
          problems.push(`${where}: ${response.statusCode} ${response.body.slice(0, 200)}`);
        if ((await state(store)) !== before)
          problems.push(`${where}: refused but something was written`);
      } else if (response.json().editedPayload?.description !== hostile.value) {
        problems.push(`${where}: ${response.statusCode} ${response.body.slice(0, 200)}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("estimation parameters: hostile text is refused with a 400 naming the field, nothing written", async () => {
    const { store } = use();
    const problems: string[] = [];
    const urls = (value: string) => [
      ["lists", `/api/estimation/estimate?lists=${value}`],
      ["at", `/api/estimation/estimate?at=${value}`],
      ["releases", `/api/estimation/simulate?from=2016-01-01&months=2&releases=${value}`],
      ["from", `/api/estimation/simulate?from=${value}&months=2`],
      ["arrestRate", `/api/estimation/simulate?from=2016-01-01&months=2&arrestRate=${value}`],
      ["at", `/api/estimation/backtest?at=${value}&months=2`],
    ];
    // A lone surrogate cannot be written in a URL at all.
    for (const hostile of HOSTILE.filter((h) => h.label !== "lone surrogate")) {
      const before = await state(store);
      for (const [field, url] of urls(encodeURIComponent(hostile.value))) {
        const response = await call(app, "GET", url as string);
        const text = response.body;
        if (response.statusCode !== 400 || !text.includes(field as string))
          problems.push(
            `${hostile.label} in ${field}: ${response.statusCode} ${text.slice(0, 160)}`,
          );
      }
      if ((await state(store)) !== before) problems.push(`${hostile.label}: something was written`);
    }
    expect(problems).toEqual([]);
  });

  it("uploads to import: hostile file names, unknown parts and broken forms are refused; hostile cells are stored exactly", async () => {
    const { store } = use();
    const people = "id,name\nhostile-up,x\n";
    const refusals: [string, Parameters<typeof upload>[2], Record<string, string>, RegExp][] = [
      [
        "a path as file name",
        [{ field: "files", name: "../../people.csv", content: people }],
        {},
        /^files: people\.csv/,
      ],
      [
        "a control character in a file name",
        [{ field: "files", name: "people\u0007.csv", content: people }],
        {},
        /files: the file name contains the control character U\+0007/,
      ],
      [
        "an unknown part",
        [
          { field: "files", name: "people.csv", content: people },
          { field: "__proto__", name: "x.csv", content: "x" },
        ],
        {},
        /./,
      ],
      [
        "an unknown field",
        [{ field: "files", name: "people.csv", content: people }],
        { admin: "true" },
        /admin: is not a field of this form/,
      ],
      [
        "an unknown encoding",
        [{ field: "files", name: "people.csv", content: people }],
        { encoding: "klingon" },
        /encoding: unknown encoding "klingon"/,
      ],
      [
        "a mapping that is not JSON",
        [
          { field: "mapping", name: "m.json", content: "{oops" },
          { field: "files", name: "people.csv", content: people },
        ],
        {},
        /mapping: cannot read the mapping m\.json/,
      ],
    ];
    for (const [label, parts, fields, message] of refusals) {
      const response = await upload(app, editor, parts, fields);
      if (label === "a path as file name") {
        // Kept under its base name only: imported as people.csv, never written elsewhere.
        expect(response.statusCode, `${label}: ${response.body}`).toBe(201);
        await finished(app, editor, response.json().id);
        continue;
      }
      expect(response.statusCode, `${label}: ${response.body}`).toBe(400);
      expect(response.json().error.message, label).toMatch(message);
    }
    await store.query("DELETE FROM person WHERE id = 'hostile-up'");
    const broken = await call(app, "POST", "/api/imports", {
      headers: { ...editor, "content-type": "multipart/form-data; boundary=x" },
      body: '--x\r\nContent-Disposition: form-data; name="files"; filename="people.csv"\r\n\r\nid,na',
    });
    expect(broken.statusCode).toBeGreaterThanOrEqual(400);
    expect(broken.statusCode).toBeLessThan(500);
    expect((await call(app, "GET", "/api/imports", { headers: editor })).json().current).toBeNull();
    // Cells of every hostile kind the bundle accepts are stored exactly as they were sent.
    const accepted = HOSTILE.filter((h) => !h.refused);
    const csv = `id,name\n${accepted.map((h, i) => `hostile-csv-${i},"${h.value.replaceAll('"', '""')}"`).join("\n")}\n`;
    const job = await finished(
      app,
      editor,
      (await upload(app, editor, [{ field: "files", name: "people.csv", content: csv }])).json().id,
    );
    expect(job.state, JSON.stringify(job.problems)).toBe("done");
    const rows = await store.query<{ id: string; name: string }>(
      "SELECT id, name FROM person WHERE id LIKE 'hostile-csv-%'",
    );
    for (const [i, h] of accepted.entries()) {
      expect(rows.find((r) => r.id === `hostile-csv-${i}`)?.name, h.label).toBe(h.value.trim());
    }
  });

  it("search text is matched literally, never as a pattern or SQL", async () => {
    for (const q of ["%", "_", "' OR '1'='1", "\\"]) {
      const response = await call(app, "GET", `/api/search/people?q=${encodeURIComponent(q)}`);
      expect(response.statusCode).toBe(200);
      for (const person of response.json().items) expect(person.name).toContain(q);
    }
  });
});
