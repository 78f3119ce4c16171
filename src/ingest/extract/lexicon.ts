/**
 * Words that signal releases and the people counted in them, per language. Patterns run
 * on normalized text (plain apostrophes and spaces, `е` for `ё`), case-insensitive, whole
 * words. Stems use `\p{L}*` so that every inflection matches.
 */
import type { OperationKind } from "../../domain/model.ts";
import { words } from "./text.ts";
import type { Language } from "./types.ts";

type PerLanguage<T> = Record<Language, T>;

/** Names that contain a release word but are not releases: masked before matching. */
export const NOT_RELEASES: PerLanguage<RegExp> = {
  fr: words("Amnesty International|Amnistie internationale"),
  en: words("Amnesty International"),
  ru: words("Amnesty International|Международн\\p{L}* амнисти\\p{L}*"),
};

/** Release words, each with the kind of operation it names (null: a plain release). */
export const RELEASE_WORDS: PerLanguage<[OperationKind | null, RegExp][]> = {
  fr: [
    ["amnesty", words("amnisti\\p{L}*")],
    // "grâce à" is "thanks to", not a pardon.
    ["pardon", words("graci\\p{L}*|grâce(?!\\s+(?:à|au|aux)(?![\\p{L}]))")],
    [
      null,
      words(
        "lib[ée]r(?:ation|ations|é|ée|és|ées|er|era|erait|ait|a|ant|ent)|relâch\\p{L}*|remis\\p{L}* en liberté|mis\\p{L}* en liberté|sorti\\p{L}* de prison",
      ),
    ],
  ],
  en: [
    ["amnesty", words("amnest\\p{L}*")],
    ["pardon", words("pardon\\p{L}*")],
    [null, words("freed|frees|freeing|to free|set free|releas\\p{L}*|let go|walked free")],
  ],
  ru: [
    ["amnesty", words("амнист\\p{L}*")],
    ["pardon", words("помилова\\p{L}*|помилован\\p{L}*")],
    [
      null,
      words(
        "освобо\\p{L}*|освобожд\\p{L}*|(?:вышли|вышел|вышла|выйти|отпущены) на свобод\\p{L}*|на свобод\\p{L}* (?:вышли|вышел|вышла|выйдут)|выпущен\\p{L}*|выпустил\\p{L}*|отпущен\\p{L}*",
      ),
    ],
  ],
};

/** Signs that a release was negotiated (talks, a mediator) or a deportation. */
export const NEGOTIATION_CUES: PerLanguage<RegExp> = {
  fr: words(
    "négoci\\p{L}*|pourparlers|médiation|médiateur\\p{L}*|envoyé\\p{L}* spécia\\p{L}*|émissaire\\p{L}*|accord",
  ),
  en: words(
    "negotiat\\p{L}*|talks|deal|brokered|mediat\\p{L}*|envoy\\p{L}*|agreement|emissar\\p{L}*",
  ),
  ru: words(
    "переговор\\p{L}*|посредничеств\\p{L}*|спецпосланник\\p{L}*|посланник\\p{L}*|договоренност\\p{L}*|сделк\\p{L}*",
  ),
};
export const DEPORTATION_CUES: PerLanguage<RegExp> = {
  fr: words("expuls\\p{L}*|déport\\p{L}*|exilé\\p{L}*|contraint\\p{L}* à l'exil"),
  en: words("deport\\p{L}*|expelled|exiled|forced into exile"),
  ru: words("депорт\\p{L}*|выдвор\\p{L}*|выслан\\p{L}*|выслали"),
};

/** People counted: "52 prisonniers", "25 personnes", "16 человек". */
export const PEOPLE: PerLanguage<RegExp> = {
  fr: words(
    "personnes?|prisonni(?:er|ers|ère|ères)(?:\\s+politiques?|\\s+d'opinion)?|détenu(?:e|s|es)?(?:\\s+politiques?)?|condamné(?:e|s|es)|opposant(?:e|s|es)?|militant(?:e|s|es)?|journalistes|citoyens|ressortissant(?:e|s|es)|individus|hommes|femmes|étrangers",
  ),
  en: words(
    "people|persons|(?:political\\s+)?prisoners(?:\\s+of\\s+conscience)?|(?:political\\s+)?detainees|inmates|convicts|activists|journalists|citizens|nationals|foreigners|men|women|individuals",
  ),
  ru: words(
    "человека?|людей|(?:полит)?заключенн\\p{L}*|политических\\s+заключенн\\p{L}*|осужденн\\p{L}*|(?:полит)?узник\\p{L}*|политических\\s+узник\\p{L}*|граждан\\p{L}*|иностранц\\p{L}*|журналист\\p{L}*|активист\\p{L}*|женщин|мужчин|оппозиционер\\p{L}*",
  ),
};

/** Political prisoners: the nouns of a monitor's count. */
export const POLITICAL_PRISONERS: PerLanguage<RegExp> = {
  fr: words(
    "prisonni(?:er|ers|ère|ères)\\s+(?:politiques?|d'opinion)|détenu\\p{L}*\\s+politiques?",
  ),
  en: words("political\\s+prisoners|prisoners\\s+of\\s+conscience|political\\s+detainees"),
  ru: words(
    "политзаключенн\\p{L}*|политических\\s+заключенн\\p{L}*|политузник\\p{L}*|политических\\s+узник\\p{L}*",
  ),
};

/** Words allowed between a number and its noun: "52 autres prisonniers", "14 foreign nationals". */
export const COUNT_MODIFIERS: PerLanguage<RegExp> = {
  fr: words(
    "autres|nouveaux|nouvelles|anciens|anciennes|supplémentaires|bélarusses|bélarussiens|biélorusses|étrangers|étrangères|américains|lituaniens|polonais|ukrainiens|russes",
  ),
  en: words(
    "other|more|additional|further|new|former|foreign|jailed|imprisoned|political|Belarusian|Belarussian|Lithuanian|Polish|Ukrainian|American|Russian|British|German|Japanese|Latvian",
  ),
  ru: words(
    "других|иных|новых|бывших|иностранных|белорусских|литовских|польских|украинских|американских|российских|латвийских|японских|немецких",
  ),
};

/** A number followed by one of these is an age, a duration or a share, never a count. */
export const NOT_A_COUNT_AFTER =
  /^\s*-?\s*(?:years?|year-old|-year|ans?\b|-?летн\p{L}*|лет|года?\b|months?|mois|месяц\p{L}*|days?|jours?|дн(?:ей|я)|%|per\s*cent|pour\s*cent|процент\p{L}*)/iu;

/** Between a release word and its count ("l'amnistie de 25", "freed a further 25"). */
export const RELEASE_TO_COUNT: PerLanguage<RegExp> = {
  fr: /^[\s,]*(?:(?:de|d'|des|du|au total|au moins|encore|quelque|les|la|le|l')\s*)*$/iu,
  en: /^[\s,]*(?:(?:of|the|some|another|a further|a total of|further|at least|a|an|all)\s+)*$/iu,
  ru: /^[\s,]*(?:(?:еще|всего|более|около|сразу|из|были|был|была|было)\s+)*$/iu,
};
/** Before a part of a count ("dont 14 étrangers"): never a count of its own. */
export const SUBSET_CUES: PerLanguage<RegExp> = {
  fr: /(?:dont|parmi (?:eux|elles|lesquels|lesquelles)|notamment)\s*$/iu,
  en: /(?:including|among them|among whom|of whom|of them)\s*$/iu,
  ru: /(?:в том числе|среди них|из них|включая)\s*$/iu,
};

/** An aside between a count and its verb: ", dont 14 étrangers,", ", including 14 women,". */
const ASIDE = {
  fr: "(?:,\\s*(?:dont|parmi eux|notamment)[^,]{1,60},)?",
  en: "(?:,\\s*(?:including|among them|of whom)[^,]{1,60},)?",
  ru: "(?:,\\s*(?:в том числе|среди них|из них|включая)[^,]{1,60},)?",
};

/** Between a count and a release word after it ("52 prisoners were freed"). */
export const COUNT_TO_RELEASE: PerLanguage<RegExp> = {
  fr: new RegExp(
    `^${ASIDE.fr}[\\s,]*(?:(?:qui|ont|ont été|avaient été|sont|seront|ont pu être|viennent d'être|être)\\s*)*$`,
    "iu",
  ),
  en: new RegExp(
    `^${ASIDE.en}[\\s,]*(?:(?:who|were|have|been|had|are|was|being|be|will|later|also|all)\\s+)*$`,
    "iu",
  ),
  ru: new RegExp(`^${ASIDE.ru}[\\s,]*(?:(?:были|был|была|было|будут|уже|также|тоже)\\s+)*$`, "iu"),
};

/** Words that make a release or a sanction hypothetical, wished for or denied. */
export const MODAL: PerLanguage<RegExp> = {
  fr: words(
    "pourrai\\p{L}*|pourra|pourront|devrai\\p{L}*|envisag\\p{L}*|pour obtenir|afin d'obtenir|en vue d'obtenir|menac\\p{L}*|appel\\p{L}* à|demand\\p{L}*|réclam\\p{L}*|si|ne|refus\\p{L}*|pas",
  ),
  en: words(
    "could|might|would|may|should|consider\\p{L}*|threaten\\p{L}*|calls? for|called for|urged?|seek\\p{L}*|sought|hopes?|to obtain|to secure|if|not|never|refused|declined|won't",
  ),
  ru: words(
    "может|могут|мог бы|могли бы|рассматрива\\p{L}*|намерен\\p{L}*|пригроз\\p{L}*|призвал\\p{L}*|призыва\\p{L}*|добиться|если|не|отказ\\p{L}*",
  ),
};

/** Phrases that make an action the response to a release mentioned before. */
export const RESPONSE_CUES: PerLanguage<RegExp> = {
  fr: words(
    "en réponse|en retour|en échange|en contrepartie|à la suite de (?:ces|cette|la|leur)|suite à (?:ces|cette|leur)|après (?:ces|cette|leur) libération\\p{L}*",
  ),
  en: words(
    "in response|in return|in exchange|responded|reciprocat\\p{L}*|following (?:the|these|this) releases?|after (?:the|these|this) releases?",
  ),
  ru: words("в ответ|в обмен|взамен|после (?:этого|их освобождения|освобождения)"),
};

/** Words that say a count is current ("toujours plus de 1000", "currently", "сейчас"). */
export const PRESENT_CUES: PerLanguage<RegExp> = {
  fr: words("il y a|toujours|actuellement|aujourd'hui|encore|demeurent|restent|sont|compte"),
  en: words("currently|now|still|remain\\p{L}*|are|is|there are|today"),
  ru: words("сейчас|по-прежнему|в настоящее время|остаются|находятся|насчитывается|есть"),
};

/** Before an elliptic second figure: "compared with about 1,150", "их было около 1150". */
export const COMPARISON_CUES: PerLanguage<RegExp> = {
  fr: /(?:contre|par rapport à|comparé à|alors qu'(?:ils|elles) étaient|(?:ils|elles) étaient|au lieu de)\s*$/iu,
  en: /(?:compared (?:with|to)|against|down from|up from|versus|vs\.?|from)\s*$/iu,
  ru: /(?:против|по сравнению с|их было|было)\s*$/iu,
};

/** "le nombre de prisonniers politiques s'élevait à", "the number of political prisoners stood at". */
export const NUMBER_OF: PerLanguage<RegExp> = {
  fr: /(?:nombre|total)\s+(?:de|des)\s*$/iu,
  en: /(?:number|total)\s+of\s*$/iu,
  ru: /(?:число|количество)\s*$/iu,
};
export const AMOUNTS_TO: PerLanguage<RegExp> = {
  fr: /^[^.;!?]{0,50}?(?:s'élève|s'élevait|s'élevaient|atteint|atteignait|est de|était de|était|est)\s+(?:à\s+|de\s+)?$/iu,
  en: /^[^.;!?]{0,50}?(?:stands at|stood at|reached|has reached|is|was|rose to|fell to|grew to)\s+$/iu,
  ru: /^[^.;!?]{0,50}?(?:составляет|составляло|составило|достигло|достигает|достигло отметки в|превышает|превысило)\s+$/iu,
};
