/**
 * Romanization systems against examples from their sources: the tables of the Belarusian
 * instructions (2007, 2023), BGN/PCGN, ICAO Doc 9303 (with the test strings of the
 * interscript ICAO maps) and the usual French, German and Polish spellings. Well-known
 * names appear here only as strings that show a rule.
 */
import { describe, expect, it } from "vitest";
import { ROMANIZATION_SYSTEMS, type RomanizationSystem, romanize } from "./romanize.ts";

const CASES: Record<RomanizationSystem, [string, string][]> = {
  "by-national-2007": [
    ["Магілёў", "Mahilioŭ"],
    ["Беларусь", "Bielaruś"],
    ["Лукашэнка", "Lukašenka"],
    ["Ціханоўскі", "Cichanoŭski"],
    ["Віцебск", "Viciebsk"],
    ["Ільін", "Iĺin"],
    ["Дзяржынск", "Dziaržynsk"],
    ["Ягор", "Jahor"],
    ["Сяргей", "Siarhiej"],
    ["Юр'евіч", "Jurjevič"],
  ],
  "by-national-2023": [
    ["Плошча Савецкая", "Ploshcha Savieckaja"],
    ["Шчучыншчына", "Shchuchynshchyna"],
    ["Шаркаўшчына", "Sharkawshchyna"],
    ["Чарнаручча", "Charnaruchcha"],
    ["Жажэлка", "Zhazhelka"],
    ["Дзедаў Курган", "Dziedaw Kurgan"],
    ["Сафіеўка", "Safijewka"],
    ["Вераб'ёвічы", "Vierabjovichy"],
  ],
  lacinka: [
    ["Лукашэнка", "Łukašenka"],
    ["Ляўкоўскі", "Laŭkoŭski"],
    ["Вольга", "Volha"],
    ["Магілёў", "Mahiloŭ"],
    ["Наталля", "Natalla"],
    ["Ціханоўская", "Cichanoŭskaja"],
  ],
  "bgn-pcgn-be": [
    ["Беларусь", "Byelarusʹ"],
    ["Магілёў", "Mahilyow"],
    ["Віцебск", "Vitsyebsk"],
    ["сям'я", "syamya"],
    ["Лукашэнка", "Lukashenka"],
  ],
  "icao-be": [
    ["Бабрыковіч Аляксандр", "Babrykovich Aliaksandr"],
    ["Міховіч Марыя", "Mikhovich Maryia"],
    ["СВЯТЛАНА", "SVIATLANA"],
    ["Ігар", "Ihar"],
    ["Палто Алена", "Palto Alena"],
    ["Мікалай", "Mikalai"],
    ["Сяргей Ціханоўскі", "Siarhei Tsikhanouski"],
  ],
  "bgn-pcgn-ru": [
    ["Ковалёв", "Kovalëv"],
    ["Юрьевич", "Yurʹyevich"],
    ["Сергей", "Sergey"],
    ["Ельцин", "Yelʹtsin"],
    ["Подъячев", "Podʺyachev"],
  ],
  "icao-ru": [
    ["Сергей", "Sergei"],
    ["Юрий", "Iurii"],
    ["Щукин", "Shchukin"],
    ["Артём", "Artem"],
    ["Подъячев", "Podieiachev"],
    ["Тихановский", "Tikhanovskii"],
  ],
  "english-ru": [
    ["Тихановский", "Tikhanovsky"],
    ["Дмитрий", "Dmitry"],
    ["Ковалёв", "Kovalyov"],
    ["Максим", "Maxim"],
    ["Евгений", "Yevgeny"],
  ],
  "french-ru": [
    ["Сергей", "Sergueï"],
    ["Шевченко", "Chevtchenko"],
    ["Жуков", "Joukov"],
    ["Тихановская", "Tikhanovskaïa"],
    ["Юрий", "Iouri"],
    ["Василий", "Vassili"],
  ],
  "german-ru": [
    ["Шевченко", "Schewtschenko"],
    ["Жуков", "Schukow"],
    ["Цветаева", "Zwetajewa"],
    ["Тихановский", "Tichanowski"],
    ["Сергей", "Sergej"],
  ],
  "polish-ru": [
    ["Шевченко", "Szewczenko"],
    ["Сергей", "Siergiej"],
    ["Жуков", "Żukow"],
    ["Тихановский", "Tichanowski"],
    ["Щукин", "Szczukin"],
    ["Николай", "Nikołaj"],
  ],
};

describe("romanize", () => {
  for (const system of ROMANIZATION_SYSTEMS) {
    it.each(CASES[system])(`${system}: %s → %s`, (cyrillic, latin) => {
      expect(romanize(cyrillic, system)).toBe(latin);
    });
  }

  it("keeps what is not Cyrillic: spaces, hyphens, digits, Latin", () => {
    expect(romanize("Ціханоўская-Пятроўская (1982)", "icao-be")).toBe(
      "Tsikhanouskaia-Piatrouskaia (1982)",
    );
    expect(romanize("Smith Сяргей", "icao-be")).toBe("Smith Siarhei");
  });
});
