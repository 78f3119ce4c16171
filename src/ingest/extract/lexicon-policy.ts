/**
 * Words of sanctions and diplomacy, per language: sanction nouns and the verbs that impose,
 * ease or lift them, what introduces their target, and embassy steps, visits and talks.
 */
import { words } from "./text.ts";
import type { Language, MeasureAction } from "./types.ts";

type PerLanguage<T> = Record<Language, T>;

export const SANCTIONS: PerLanguage<RegExp> = {
  fr: words("sanctions?|mesures restrictives|embargo"),
  en: words("sanctions?|restrictions|embargo"),
  ru: words("санкци\\p{L}*|ограничени\\p{L}*|эмбарго"),
};

/** Verbs (and nouns) of each action. Easing is checked first: "levé certaines" eases. */
export const ACTIONS: PerLanguage<[MeasureAction, RegExp][]> = {
  fr: [
    ["eased", words("assoupli\\p{L}*|allég\\p{L}*|allègement\\p{L}*|suspendu\\p{L}*|suspension")],
    ["lifted", words("lev[ée]\\p{L}*|lever|lève|lèvent|levée|abrog\\p{L}*|supprim\\p{L}*|mis fin")],
    [
      "imposed",
      words("impos\\p{L}*|instaur\\p{L}*|adopt\\p{L}*|décrét\\p{L}*|sanctionn\\p{L}*|frapp\\p{L}*"),
    ],
  ],
  en: [
    [
      "eased",
      words(
        "eas(?:e|es|ed|ing)|relax\\p{L}*|loosen\\p{L}*|suspend\\p{L}*|waive\\p{L}*|scal(?:e|ed|ing) back",
      ),
    ],
    [
      "lifted",
      words("lift(?:s|ed|ing)?|remov\\p{L}*|revok\\p{L}*|rescind\\p{L}*|drop(?:s|ped|ping)?"),
    ],
    ["imposed", words("impos\\p{L}*|introduc\\p{L}*|slapp\\p{L}*|adopt\\p{L}*|sanctioned")],
  ],
  ru: [
    ["eased", words("смягч\\p{L}*|ослаб\\p{L}*|приостанов\\p{L}*")],
    ["lifted", words("снял\\p{L}*|снят\\p{L}*|сняти\\p{L}*|снимает|отмен\\p{L}*")],
    ["imposed", words("ввел\\p{L}*|ввели|введ\\p{L}*|ввод\\p{L}*|наложил\\p{L}*|наложен\\p{L}*")],
  ],
};

/** "certaines sanctions", "some sanctions", "частично": lifting part of them eases them. */
export const PARTIAL: PerLanguage<RegExp> = {
  fr: words("certaines|une partie|partiellement|en partie|quelques"),
  en: words("some|part of|partially|partly|certain"),
  ru: words("частично|часть|некоторые|некоторых"),
};

/** What comes before the target of a sanction. */
export const TARGET_INTRO: PerLanguage<RegExp> = {
  fr: words(
    "visant|contre|à l'encontre d[eu]|à l'égard d[eu]|frappant|ciblant|imposées? (?:à|au|aux)|sur",
  ),
  en: words("on|against|targeting|affecting|imposed on"),
  ru: words("против|в отношении|с|со|на"),
};

export const EMBASSY: PerLanguage<RegExp> = {
  fr: words("ambassade\\p{L}*"),
  en: words("embass(?:y|ies)"),
  ru: words("посольств\\p{L}*"),
};

export const EMBASSY_STEPS: PerLanguage<[string, RegExp][]> = {
  fr: [
    ["reopening", words("réouverture|rouvr\\p{L}*|rouvert\\p{L}*|réouvr\\p{L}*")],
    ["closing", words("fermeture|ferm[ée]\\p{L}*|fermer")],
  ],
  en: [
    ["reopening", words("reopen\\p{L}*|re-open\\p{L}*")],
    ["closing", words("clos(?:e|es|ed|ing|ure)|shut\\p{L}*")],
  ],
  ru: [
    ["reopening", words("возобнов\\p{L}*|вновь открыт\\p{L}*|открыти\\p{L}*|открыть")],
    ["closing", words("закры\\p{L}*")],
  ],
};

/** An embassy step only considered, not taken. */
export const CONSIDERED: PerLanguage<RegExp> = {
  fr: words("envisag\\p{L}*|pourrai\\p{L}*|étudi\\p{L}*|réfléchi\\p{L}*|possible|éventuel\\p{L}*"),
  en: words("consider\\p{L}*|could|may|might|weigh\\p{L}*|plann?\\p{L}*|possible|would"),
  ru: words("рассматрива\\p{L}*|возможн\\p{L}*|может|намерен\\p{L}*|планир\\p{L}*"),
};

export const VISIT: PerLanguage<RegExp> = {
  fr: words("visite\\p{L}*|visité\\p{L}*|s'est rendu\\p{L}*|se rend\\p{L}*|est arrivé\\p{L}*"),
  en: words("visit(?:s|ed|ing)?|arrived in|travell?ed to|trip to"),
  ru: words("визит\\p{L}*|посетил\\p{L}*|прибыл\\p{L}*|приезд\\p{L}*|побывал\\p{L}*"),
};

export const TALKS: PerLanguage<RegExp> = {
  fr: words(
    "négociations|pourparlers|s'est entretenu\\p{L}*|entretien\\p{L}*|a rencontré|ont rencontré|rencontre\\p{L}*|réunion\\p{L}*|consultations",
  ),
  en: words("talks|negotiations|met(?:\\s+with)?|meeting|meets|consultations"),
  ru: words("переговор\\p{L}*|встрети\\p{L}*|встреч\\p{L}*|консультаци\\p{L}*"),
};
