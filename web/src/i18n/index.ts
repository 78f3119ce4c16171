/**
 * The interface's languages: English, French, Russian and Belarusian. The language comes
 * from `?lang=` on the URL, else the reader's last choice (localStorage), else the
 * browser's; the choice is kept for the next visit. Every string lives in the resource
 * files beside this one, which have the same keys (the type of `en` checks it).
 */
import i18n from "i18next";
import LanguageDetector from "i18next-browser-languagedetector";
import { initReactI18next } from "react-i18next";
import { be } from "./be.ts";
import { en } from "./en.ts";
import { fr } from "./fr.ts";
import { ru } from "./ru.ts";

export const LANGUAGES = ["en", "fr", "ru", "be"] as const;
export type Language = (typeof LANGUAGES)[number];
export const STORAGE_KEY = "turnstile.lang";

/** Each language's name in itself, for the switch. */
export const LANGUAGE_NAMES: Record<Language, string> = {
  en: "English",
  fr: "Français",
  ru: "Русский",
  be: "Беларуская",
};

declare global {
  interface Window {
    /** Keys asked for that no language has: the browser tests read it. */
    __missingKeys?: string[];
  }
}

export function currentLanguage(): Language {
  const lang = i18n.resolvedLanguage ?? i18n.language;
  return (LANGUAGES as readonly string[]).includes(lang) ? (lang as Language) : "en";
}

export async function startI18n(): Promise<void> {
  await i18n
    .use(LanguageDetector)
    .use(initReactI18next)
    .init({
      resources: {
        en: { translation: en },
        fr: { translation: fr },
        ru: { translation: ru },
        be: { translation: be },
      },
      supportedLngs: [...LANGUAGES],
      nonExplicitSupportedLngs: true,
      load: "languageOnly",
      fallbackLng: "en",
      detection: {
        order: ["querystring", "localStorage", "navigator"],
        lookupQuerystring: "lang",
        lookupLocalStorage: STORAGE_KEY,
        caches: ["localStorage"],
        convertDetectedLanguage: (lng: string) => lng.split("-")[0] ?? lng,
      },
      interpolation: { escapeValue: false },
      saveMissing: true,
      missingKeyHandler: (_lngs, _ns, key) => {
        window.__missingKeys ??= [];
        window.__missingKeys.push(key);
      },
    });
  const sync = () => {
    document.documentElement.lang = currentLanguage();
  };
  sync();
  i18n.on("languageChanged", sync);
}

export { i18n };
