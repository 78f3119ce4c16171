/**
 * The app in French, Russian and Belarusian: the language comes from `?lang=`, stays for
 * the next pages (localStorage), follows the browser's when none was chosen, and can be
 * switched in the page. On every main page no raw key (`dashboard.title`) and no English
 * interface string shows, and people's names are in the reader's script.
 */
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { be } from "../../web/src/i18n/be.ts";
import { en } from "../../web/src/i18n/en.ts";
import { fr } from "../../web/src/i18n/fr.ts";
import { ru } from "../../web/src/i18n/ru.ts";
import { describeWeb } from "./harness.ts";
import { mainPages } from "./pages.ts";

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

const EN = flatten(en);
const NAMESPACES = Object.keys(en).join("|");
/** A raw key as i18next shows it when a translation is missing: `namespace.something`. */
const RAW_KEY = new RegExp(`\\b(?:${NAMESPACES})\\.[A-Za-z_][A-Za-z_.]*`, "g");
const CYRILLIC = /[\u0400-\u04FF]/;

/**
 * English interface strings on screen that the language translates differently: several
 * words without placeholders, so that a match is the string and not data.
 */
function englishLeft(text: string, messages: Tree): string[] {
  const target = flatten(messages);
  const left: string[] = [];
  for (const [key, english] of EN) {
    if (english.includes("{{") || !english.includes(" ") || english.length < 12) continue;
    if (target.get(key) === english) continue;
    if (text.includes(english)) left.push(`${key}: ${english}`);
  }
  return left;
}

async function visibleText(page: Page): Promise<string> {
  // biome-ignore lint/performance/useDomNodeTextContent: only the text a reader sees counts here
  return page.evaluate(() => document.body.innerText);
}

describeWeb("web app: languages", (use) => {
  for (const [lang, messages] of [
    ["fr", fr],
    ["ru", ru],
    ["be", be],
  ] as const) {
    it(`shows every main page in ${lang}, with no untranslated string`, async () => {
      const { page, context, errors } = await use().open();
      const pages = await mainPages(use().store);
      try {
        // The first page comes with ?lang=; the others without: the choice is kept.
        for (const [i, main] of pages.entries()) {
          const path = i === 0 ? `${main.path}?lang=${lang}` : main.path;
          await page.goto(`${use().url}${path}`);
          await main.ready(page);
          await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe(lang);
          const text = await visibleText(page);
          expect(text.match(RAW_KEY) ?? [], `${main.name}: raw keys`).toEqual([]);
          expect(englishLeft(text, messages), `${main.name}: English left`).toEqual([]);
          await expect(page.locator("nav").first().textContent()).resolves.toContain(
            messages.nav.registry,
          );
          await use().screenshot(page, `${main.name}-${lang}`);
        }
        expect(
          await page.evaluate(() => (window as { __missingKeys?: string[] }).__missingKeys ?? []),
        ).toEqual([]);
        expect(await page.evaluate(() => localStorage.getItem("turnstile.lang"))).toBe(lang);
        // Names in the reader's script: Cyrillic for ru and be, Latin for fr.
        await page.goto(`${use().url}/registry`);
        await page.locator(".registry-table tbody tr").first().waitFor();
        const names = await page.locator(".registry-table tbody th a").allTextContents();
        expect(names.length).toBeGreaterThan(5);
        for (const name of names) expect(CYRILLIC.test(name), name).toBe(lang !== "fr");
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }

  it("follows the browser's language, and switches in the page", async () => {
    const { page, context } = await use().open({ locale: "fr-FR" });
    try {
      await page.goto(`${use().url}/registry`);
      await page.locator(".registry-table tbody tr").first().waitFor();
      await expect(page.locator("h1").textContent()).resolves.toBe(fr.registry.title);
      await page.getByLabel(fr.layout.language).selectOption("be");
      await page.locator("h1", { hasText: be.registry.title }).waitFor();
      await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe("be");
      await page.reload();
      await page.locator("h1", { hasText: be.registry.title }).waitFor();
      // A shared link's ?lang= wins over the kept choice, and the switch keeps the link in step.
      await page.goto(`${use().url}/registry?lang=ru`);
      await page.locator("h1", { hasText: ru.registry.title }).waitFor();
      await page.getByLabel(ru.layout.language).selectOption("en");
      await page.locator("h1", { hasText: en.registry.title }).waitFor();
      expect(new URL(page.url()).searchParams.get("lang")).toBe("en");
    } finally {
      await context.close();
    }
  });
});
