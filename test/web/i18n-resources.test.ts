/**
 * The interface's four languages, checked without a browser: the same keys everywhere,
 * the same placeholders in each translation, no English left in a translation (but for
 * words the languages share), and every key the code asks for present.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { be } from "../../web/src/i18n/be.ts";
import { en } from "../../web/src/i18n/en.ts";
import { fr } from "../../web/src/i18n/fr.ts";
import { ru } from "../../web/src/i18n/ru.ts";

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

/** Strings a language writes as English does. */
const SHARED: Record<string, string[]> = {
  fr: [
    "import.table",
    "import.tables.sources",
    "chart.downloadSvg",
    "chart.downloadPng",
    "charts.axis.date",
    "registry.articles",
    "registry.pages",
    "person.articles",
    "event.articles",
    "event.sources",
    "event.source",
    "operations.date",
    "ledger.date",
    "eventForm.date",
    "eventForm.description",
    "users.actions",
    "audit.action",
    "qualifier.exact",
    "region.Minsk",
    "history.fields.type",
    "history.fields.date",
    "history.fields.articles",
    "history.fields.description",
    "history.fields.source_ids",
    "trash.kind.source",
    "trash.action",
  ],
  ru: [],
  be: [],
};

const EN = flatten(en);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

describe("web app's languages", () => {
  for (const [lang, messages] of Object.entries({ fr, ru, be })) {
    it(`${lang} has every key, with the same placeholders, translated`, () => {
      const target = flatten(messages);
      expect([...target.keys()].sort()).toEqual([...EN.keys()].sort());
      for (const [key, english] of EN) {
        const text = target.get(key) ?? "";
        expect(text.trim(), key).not.toBe("");
        expect(placeholders(text), key).toEqual(placeholders(english));
        if (!SHARED[lang]?.includes(key))
          expect(text, `${lang} ${key} is still English`).not.toBe(english);
      }
    });
  }

  it("has every key the code asks for", () => {
    const missing: string[] = [];
    const namespaces = new Set(Object.keys(en));
    for (const file of sourceFiles(resolve(import.meta.dirname, "../../web/src"))) {
      const code = readFileSync(file, "utf8");
      for (const match of code.matchAll(/\bt\(\s*"([a-zA-Z_.]+)"/g)) {
        if (!EN.has(match[1] as string)) missing.push(`${file}: ${match[1]}`);
      }
      // Keys built from data (`status.${s}`): their namespace must exist.
      for (const match of code.matchAll(/\bt\(\s*`([a-zA-Z_]+)\./g)) {
        if (!namespaces.has(match[1] as string)) missing.push(`${file}: ${match[1]}.…`);
      }
    }
    expect(missing).toEqual([]);
  });
});
