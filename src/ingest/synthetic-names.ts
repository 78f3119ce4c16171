/**
 * Name parts for invented people, in Belarusian and Russian Cyrillic, and the three Latin
 * spellings a documenter meets: the Belarusian passport style ("Siarhei Kavaliou"),
 * BGN/PCGN from Belarusian ("Syarhey Kavalyow") and BGN/PCGN-like from Russian
 * ("Sergey Kovalyov"). Combinations are random; surnames of well-known prisoners are left
 * out so that no real person's full name is produced on purpose.
 */

/** Male given names: Belarusian, Russian, and the patronymics they give (be, ru). */
export const MALE_NAMES: readonly (readonly [string, string, string, string])[] = [
  ["Аляксандр", "Александр", "Аляксандравіч", "Александрович"],
  ["Сяргей", "Сергей", "Сяргеевіч", "Сергеевич"],
  ["Андрэй", "Андрей", "Андрэевіч", "Андреевич"],
  ["Дзмітрый", "Дмитрий", "Дзмітрыевіч", "Дмитриевич"],
  ["Мікалай", "Николай", "Мікалаевіч", "Николаевич"],
  ["Уладзімір", "Владимир", "Уладзіміравіч", "Владимирович"],
  ["Віктар", "Виктор", "Віктаравіч", "Викторович"],
  ["Ігар", "Игорь", "Ігаравіч", "Игоревич"],
  ["Юрый", "Юрий", "Юр'евіч", "Юрьевич"],
  ["Павел", "Павел", "Паўлавіч", "Павлович"],
  ["Алег", "Олег", "Алегавіч", "Олегович"],
  ["Аляксей", "Алексей", "Аляксеевіч", "Алексеевич"],
  ["Міхаіл", "Михаил", "Міхайлавіч", "Михайлович"],
  ["Васіль", "Василий", "Васільевіч", "Васильевич"],
  ["Іван", "Иван", "Іванавіч", "Иванович"],
  ["Пётр", "Пётр", "Пятровіч", "Петрович"],
  ["Яўген", "Евгений", "Яўгенавіч", "Евгеньевич"],
  ["Вадзім", "Вадим", "Вадзімавіч", "Вадимович"],
  ["Максім", "Максим", "Максімавіч", "Максимович"],
  ["Раман", "Роман", "Раманавіч", "Романович"],
  ["Анатоль", "Анатолий", "Анатольевіч", "Анатольевич"],
  ["Валерый", "Валерий", "Валер'евіч", "Валерьевич"],
  ["Генадзь", "Геннадий", "Генадзевіч", "Геннадьевич"],
  ["Леанід", "Леонид", "Леанідавіч", "Леонидович"],
  ["Антон", "Антон", "Антонавіч", "Антонович"],
  ["Арцём", "Артём", "Арцёмавіч", "Артёмович"],
  ["Кірыл", "Кирилл", "Кірылавіч", "Кириллович"],
  ["Дзяніс", "Денис", "Дзянісавіч", "Денисович"],
  ["Канстанцін", "Константин", "Канстанцінавіч", "Константинович"],
  ["Уладзіслаў", "Владислав", "Уладзіслававіч", "Владиславович"],
  ["Вячаслаў", "Вячеслав", "Вячаслававіч", "Вячеславович"],
  ["Барыс", "Борис", "Барысавіч", "Борисович"],
  ["Ягор", "Егор", "Ягоравіч", "Егорович"],
  ["Станіслаў", "Станислав", "Станіслававіч", "Станиславович"],
  ["Руслан", "Руслан", "Русланавіч", "Русланович"],
  ["Яраслаў", "Ярослав", "Яраслававіч", "Ярославович"],
];

/** Female given names: Belarusian, Russian. */
export const FEMALE_NAMES: readonly (readonly [string, string])[] = [
  ["Вольга", "Ольга"],
  ["Наталля", "Наталья"],
  ["Таццяна", "Татьяна"],
  ["Алена", "Елена"],
  ["Ірына", "Ирина"],
  ["Святлана", "Светлана"],
  ["Марына", "Марина"],
  ["Юлія", "Юлия"],
  ["Ганна", "Анна"],
  ["Кацярына", "Екатерина"],
  ["Вікторыя", "Виктория"],
  ["Людміла", "Людмила"],
  ["Галіна", "Галина"],
  ["Надзея", "Надежда"],
  ["Вераніка", "Вероника"],
  ["Дар'я", "Дарья"],
  ["Ксенія", "Ксения"],
  ["Анастасія", "Анастасия"],
  ["Валянціна", "Валентина"],
  ["Аліна", "Алина"],
  ["Яна", "Яна"],
  ["Ларыса", "Лариса"],
  ["Тамара", "Тамара"],
  ["Паліна", "Полина"],
  ["Лізавета", "Елизавета"],
  ["Крысціна", "Кристина"],
  ["Аксана", "Оксана"],
];

/** Surnames in their masculine form: Belarusian, Russian. Feminine forms follow by rule. */
export const SURNAMES: readonly (readonly [string, string])[] = [
  ["Кавалёў", "Ковалёв"],
  ["Новікаў", "Новиков"],
  ["Сакалоў", "Соколов"],
  ["Марозаў", "Морозов"],
  ["Васільеў", "Васильев"],
  ["Макараў", "Макаров"],
  ["Зайцаў", "Зайцев"],
  ["Волкаў", "Волков"],
  ["Лебедзеў", "Лебедев"],
  ["Кузняцоў", "Кузнецов"],
  ["Жукаў", "Жуков"],
  ["Захараў", "Захаров"],
  ["Барысаў", "Борисов"],
  ["Гарбуноў", "Горбунов"],
  ["Ляўкоўскі", "Левковский"],
  ["Дамброўскі", "Домбровский"],
  ["Вішнеўскі", "Вишневский"],
  ["Ясінскі", "Ясинский"],
  ["Пятроўскі", "Петровский"],
  ["Заблоцкі", "Заблоцкий"],
  ["Савіцкі", "Савицкий"],
  ["Быкоўскі", "Быковский"],
  ["Гарадзецкі", "Городецкий"],
  ["Карповіч", "Карпович"],
  ["Мацкевіч", "Мацкевич"],
  ["Станкевіч", "Станкевич"],
  ["Юркевіч", "Юркевич"],
  ["Касцевіч", "Костевич"],
  ["Лапіцкі", "Лапицкий"],
  ["Шаўчэнка", "Шевченко"],
  ["Бандарэнка", "Бондаренко"],
  ["Ткачэнка", "Ткаченко"],
  ["Мельнічэнка", "Мельниченко"],
  ["Кавальчук", "Ковальчук"],
  ["Мельнік", "Мельник"],
  ["Кравец", "Кравец"],
  ["Гаўрылюк", "Гаврилюк"],
  ["Сідарук", "Сидорук"],
  ["Лойка", "Лойко"],
  ["Ільін", "Ильин"],
  ["Фамін", "Фомин"],
  ["Шыманскі", "Шиманский"],
  ["Ждановіч", "Жданович"],
  ["Грыневіч", "Гриневич"],
  ["Навумчык", "Наумчик"],
  ["Сямашка", "Семашко"],
  ["Радзівонаў", "Родионов"],
  ["Цітовіч", "Титович"],
];

export function feminineSurnameBe(surname: string): string {
  if (surname.endsWith("ў")) return `${surname.slice(0, -1)}ва`;
  if (surname.endsWith("кі")) return `${surname.slice(0, -1)}ая`;
  if (surname.endsWith("ін")) return `${surname}а`;
  return surname;
}

export function feminineSurnameRu(surname: string): string {
  if (surname.endsWith("в") || surname.endsWith("ин")) return `${surname}а`;
  if (surname.endsWith("ий")) return `${surname.slice(0, -2)}ая`;
  return surname;
}

export function femininePatronymicBe(patronymic: string): string {
  return `${patronymic.slice(0, -3)}ўна`;
}

export function femininePatronymicRu(patronymic: string): string {
  return `${patronymic.slice(0, -3)}вна`;
}

const VOWELS = new Set("аеёіоуыэюяи");
/** Letters after which е, ё, ю, я are written with a y- in BGN/PCGN (word start counts). */
const IOTATING = new Set([...VOWELS, "й", "ў", "ь", "'", "ъ"]);

type Table = Record<string, string>;

const COMMON: Table = {
  а: "a",
  б: "b",
  в: "v",
  д: "d",
  ж: "zh",
  з: "z",
  і: "i",
  к: "k",
  л: "l",
  м: "m",
  н: "n",
  о: "o",
  п: "p",
  р: "r",
  с: "s",
  т: "t",
  у: "u",
  ф: "f",
  х: "kh",
  ц: "ts",
  ч: "ch",
  ш: "sh",
  ы: "y",
  э: "e",
};

/** Belarusian passport style: е/ё/ю/я give ie-/io-/iu-/ia- after a consonant. */
const PASSPORT: Table = { ...COMMON, г: "h", й: "i", ў: "u", ь: "", "'": "" };
const PASSPORT_IOTATED: Table = { е: "ye", ё: "yo", ю: "yu", я: "ya" };
const PASSPORT_SOFT: Table = { е: "e", ё: "io", ю: "iu", я: "ia" };

const BGN_BE: Table = { ...COMMON, г: "h", й: "y", ў: "w", ь: "'", "'": "'" };
const BGN_BE_IOTATED: Table = { е: "ye", ё: "yo", ю: "yu", я: "ya" };
const BGN_BE_SOFT: Table = { е: "e", ё: "yo", ю: "yu", я: "ya" };

const BGN_RU: Table = { ...COMMON, г: "g", и: "i", й: "y", щ: "shch", ъ: "", ь: "" };
const BGN_RU_IOTATED: Table = { е: "ye", ё: "yo", ю: "yu", я: "ya" };
const BGN_RU_SOFT: Table = { е: "e", ё: "yo", ю: "yu", я: "ya" };

/** Memo per system: names repeat a few hundred parts millions of times. */
function memo(spell: (text: string) => string): (text: string) => string {
  const cache = new Map<string, string>();
  return (text) => {
    let latin = cache.get(text);
    if (latin === undefined) {
      latin = spell(text);
      cache.set(text, latin);
    }
    return latin;
  };
}

function transliterate(text: string, plain: Table, iotated: Table, soft: Table): string {
  let out = "";
  let previous = " ";
  for (const char of text) {
    const lower = char.toLowerCase();
    const wordStart = previous === " " || previous === "-";
    const latin =
      lower in iotated
        ? wordStart || IOTATING.has(previous)
          ? iotated[lower]
          : soft[lower]
        : (plain[lower] ?? char);
    out +=
      lower !== char && latin ? (latin[0] as string).toUpperCase() + latin.slice(1) : (latin ?? "");
    previous = lower;
  }
  return out;
}

/** "Сяргей Кавалёў" → "Siarhei Kavaliou" (Belarusian passports, Viasna's English pages). */
export const latinPassport = memo((belarusian) =>
  transliterate(belarusian, PASSPORT, PASSPORT_IOTATED, PASSPORT_SOFT),
);

/** "Сяргей Кавалёў" → "Syarhey Kavalyow" (BGN/PCGN 1979, Belarusian). */
export const latinBgnBelarusian = memo((belarusian) =>
  transliterate(belarusian, BGN_BE, BGN_BE_IOTATED, BGN_BE_SOFT),
);

/** "Сергей Ковалёв" → "Sergey Kovalyov" (BGN/PCGN, Russian, without diacritics). */
export const latinFromRussian = memo((russian) =>
  transliterate(russian, BGN_RU, BGN_RU_IOTATED, BGN_RU_SOFT),
);
