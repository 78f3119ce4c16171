/**
 * Given names that are one name in Russian and Belarusian (and in common short forms),
 * where the spelling rules of phonetic.ts alone would not bring them together
 * (Ганна / Анна, Вольга / Ольга, Мікалай / Николай, Алесь / Александр) or where knowing that
 * a word is a given name helps to tell the given name from the surname and the gender.
 * The first form of each group is the Russian one and names the group.
 */
import { type Reading, readWord } from "./phonetic.ts";
import { words } from "./text.ts";

type Gender = "male" | "female";

const MALE: readonly (readonly string[])[] = [
  ["Александр", "Аляксандр", "Алесь"],
  ["Алексей", "Аляксей"],
  ["Анатолий", "Анатоль"],
  ["Андрей", "Андрэй", "Андрусь"],
  ["Антон", "Антось"],
  ["Артём", "Арцём", "Артем"],
  ["Богдан", "Багдан"],
  ["Борис", "Барыс"],
  ["Вадим", "Вадзім"],
  ["Валентин", "Валянцін"],
  ["Валерий", "Валерый"],
  ["Василий", "Васіль"],
  ["Виктор", "Віктар"],
  ["Виталий", "Віталь"],
  ["Владимир", "Уладзімір", "Уладзімер"],
  ["Владислав", "Уладзіслаў"],
  ["Вячеслав", "Вячаслаў"],
  ["Геннадий", "Генадзь"],
  ["Георгий", "Георгій"],
  ["Григорий", "Рыгор", "Грыгорый"],
  ["Денис", "Дзяніс"],
  ["Дмитрий", "Дзмітрый", "Зміцер", "Змітрок"],
  ["Евгений", "Яўген", "Яўгені"],
  ["Егор", "Ягор"],
  ["Иван", "Іван", "Янка", "Ян"],
  ["Игорь", "Ігар"],
  ["Илья", "Ілья", "Ілля"],
  ["Иосиф", "Іосіф", "Язэп", "Юзаф"],
  ["Кирилл", "Кірыл", "Кірыла"],
  ["Константин", "Канстанцін", "Кастусь"],
  ["Леонид", "Леанід"],
  ["Максим", "Максім"],
  ["Матвей", "Мацвей"],
  ["Михаил", "Міхаіл", "Міхась"],
  ["Николай", "Мікалай", "Мікола"],
  ["Олег", "Алег"],
  ["Павел", "Павал", "Паўлюк"],
  ["Пётр", "Пятро", "Пятрусь", "Петр"],
  ["Роман", "Раман"],
  ["Руслан", "Руслан"],
  ["Семён", "Сямён", "Сымон", "Семен"],
  ["Сергей", "Сяргей", "Сярж"],
  ["Станислав", "Станіслаў"],
  ["Степан", "Сцяпан"],
  ["Тимофей", "Цімафей"],
  ["Фёдор", "Фёдар", "Хведар", "Тодар", "Федор"],
  ["Эдуард", "Эдуард"],
  ["Юрий", "Юрый", "Юрась"],
  ["Ярослав", "Яраслаў"],
];

const FEMALE: readonly (readonly string[])[] = [
  ["Алина", "Аліна"],
  ["Анастасия", "Анастасія", "Настасся"],
  ["Анна", "Ганна", "Ханна"],
  ["Валентина", "Валянціна"],
  ["Вера", "Вера"],
  ["Вероника", "Вераніка"],
  ["Виктория", "Вікторыя"],
  ["Галина", "Галіна"],
  ["Дарья", "Дар'я", "Дарʼя"],
  ["Екатерина", "Кацярына", "Кацярина"],
  ["Елена", "Алена", "Алёна"],
  ["Елизавета", "Лізавета", "Альжбета"],
  ["Ирина", "Ірына", "Арына"],
  ["Кристина", "Крысціна"],
  ["Ксения", "Ксенія"],
  ["Лариса", "Ларыса"],
  ["Людмила", "Людміла"],
  ["Мария", "Марыя", "Марья"],
  ["Марина", "Марына"],
  ["Надежда", "Надзея"],
  ["Наталья", "Наталля", "Наталия"],
  ["Оксана", "Аксана"],
  ["Ольга", "Вольга"],
  ["Полина", "Паліна"],
  ["Светлана", "Святлана"],
  ["Тамара", "Тамара"],
  ["Татьяна", "Таццяна"],
  ["Юлия", "Юлія"],
  ["Яна", "Яна"],
];

export interface GivenNameGroup {
  /** The Russian form that names the group. */
  name: string;
  gender: Gender;
  /** Key of the group: the consonant skeleton of its Russian form. */
  key: string;
}

/** Latin endings of surnames (and of patronymics), never of given names. */
export const SURNAME_ENDING =
  /(ov|ev|ou|ow|oŭ|aŭ|au|ova|eva|owa|ewa|ski|sky|skiy|skii|skij|skaya|skaja|skaia|ska|cki|cky|vich|vič|wicz|vitch|witsch|enko|enka|chuk|czuk|uk|ovna|evna|auna|aŭna|owna)$/;

const GROUPS: GivenNameGroup[] = [];
/** Lower-case Cyrillic word → groups. */
const BY_WORD = new Map<string, GivenNameGroup[]>();
/** Consonant skeleton of any member → groups: how a Latin spelling finds its group. */
const BY_SKELETON = new Map<string, GivenNameGroup[]>();

function add<K>(map: Map<K, GivenNameGroup[]>, key: K, group: GivenNameGroup): void {
  const list = map.get(key) ?? [];
  if (!list.includes(group)) list.push(group);
  map.set(key, list);
}

for (const [gender, list] of [
  ["male", MALE],
  ["female", FEMALE],
] as const) {
  for (const forms of list) {
    const russian = words(forms[0] as string)[0] as string;
    const group: GivenNameGroup = {
      name: forms[0] as string,
      gender,
      key: (readWord(russian).readings[0] as Reading).skeleton,
    };
    GROUPS.push(group);
    for (const form of forms) {
      const word = words(form)[0] as string;
      add(BY_WORD, word, group);
      add(BY_SKELETON, (readWord(word).readings[0] as Reading).skeleton, group);
    }
  }
}

/**
 * The groups a normalized word may belong to: by its exact Cyrillic form, else by the
 * consonant skeleton of any of its readings (a Latin spelling may fit several groups).
 */
export function givenNameGroups(word: string): GivenNameGroup[] {
  const exact = BY_WORD.get(word);
  if (exact) return exact;
  const found: GivenNameGroup[] = [];
  const readings = readWord(word);
  // A Cyrillic word that is not in the list is not taken for a given name by sound alone,
  // nor a Latin word with a surname's ending (Ivanov has the consonants of Ivan).
  if (readings.script === "cyrillic" || SURNAME_ENDING.test(word)) return found;
  for (const reading of readings.readings) {
    for (const group of BY_SKELETON.get(reading.skeleton) ?? []) {
      if (!found.includes(group)) found.push(group);
    }
  }
  return found;
}

/**
 * Groups whose members sound like the word, in any script: how the father's name inside a
 * patronymic (мікала-, никола-, mikala-) is recognized.
 */
export function givenNameGroupsBySound(word: string): GivenNameGroup[] {
  const found: GivenNameGroup[] = [];
  for (const reading of readWord(word).readings) {
    for (const group of BY_SKELETON.get(reading.skeleton) ?? []) {
      if (!found.includes(group)) found.push(group);
    }
  }
  return found;
}

export function givenNameGroupCount(): number {
  return GROUPS.length;
}
