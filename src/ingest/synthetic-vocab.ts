/**
 * Vocabulary of the synthetic registry: regions, occupations, places of detention,
 * criminal-code articles and health conditions as Belarusian cases name them. Weights are
 * rough shares, chosen to look plausible, not measured.
 */

type Weighted<T> = readonly (readonly [T, number])[];

/** The six oblasts and Minsk city; the capital held most of the 2020 protests. */
export const REGIONS: Weighted<string> = [
  ["Minsk", 40],
  ["Minsk Region", 12],
  ["Brest Region", 10],
  ["Gomel Region", 11],
  ["Grodno Region", 10],
  ["Vitebsk Region", 9],
  ["Mogilev Region", 8],
];

/** Pre-trial detention centre of each region. */
export const PRE_TRIAL: Record<string, readonly string[]> = {
  Minsk: [
    "SIZO No. 1, Minsk",
    "KGB pre-trial detention centre, Minsk",
    "Okrestina detention centre, Minsk",
  ],
  "Minsk Region": ["SIZO No. 8, Zhodino", "SIZO No. 1, Minsk"],
  "Brest Region": ["SIZO No. 7, Brest", "SIZO No. 6, Baranovichi"],
  "Gomel Region": ["SIZO No. 3, Gomel"],
  "Grodno Region": ["SIZO No. 1, Grodno"],
  "Vitebsk Region": ["SIZO No. 2, Vitebsk"],
  "Mogilev Region": ["SIZO No. 4, Mogilev"],
};

export const MEN_COLONIES: readonly string[] = [
  "Penal colony No. 1, Novopolotsk",
  "Penal colony No. 2, Bobruisk",
  "Penal colony No. 3, Vitba",
  "Penal colony No. 9, Gorki",
  "Penal colony No. 13, Glubokoye",
  "Penal colony No. 15, Mogilev",
  "Penal colony No. 17, Shklov",
  "Penal colony No. 20, Mozyr",
  "Penal colony No. 22, Ivatsevichi",
  "Prison No. 1, Grodno",
  "Prison No. 4, Mogilev",
  "Prison No. 8, Zhodino",
];

export const WOMEN_COLONIES: readonly string[] = [
  "Penal colony No. 4, Gomel",
  "Penal colony No. 24, Zarechye",
];

/** Articles of the Belarus Criminal Code most used in political cases, by period. */
export const ARTICLES_2020: Weighted<string> = [
  ["342", 45],
  ["293", 8],
  ["364", 10],
  ["339", 8],
  ["130", 6],
  ["369", 8],
  ["368", 5],
  ["342, 364", 5],
  ["361", 3],
  ["357", 2],
];
export const ARTICLES_LATER: Weighted<string> = [
  ["361-1", 14],
  ["361-4", 14],
  ["130", 14],
  ["369", 14],
  ["368", 10],
  ["342", 12],
  ["361-1, 361-4", 6],
  ["130, 361-4", 5],
  ["356", 5],
  ["361", 4],
  ["361-3", 2],
];
/** Malicious disobedience to the colony administration: adds years to a term. */
export const ARTICLE_IN_CUSTODY = "411";

export const OCCUPATIONS: Weighted<string> = [
  ["worker", 14],
  ["engineer", 8],
  ["IT specialist", 8],
  ["entrepreneur", 7],
  ["student", 7],
  ["driver", 5],
  ["teacher", 4],
  ["builder", 4],
  ["unemployed", 5],
  ["pensioner", 4],
  ["doctor", 2],
  ["nurse", 2],
  ["journalist", 2],
  ["lawyer", 1],
  ["artist", 1],
  ["musician", 1],
  ["economist", 2],
  ["accountant", 2],
  ["electrician", 2],
  ["mechanic", 2],
  ["sales assistant", 2],
  ["farmer", 1],
  ["scientist", 1],
  ["priest", 0.3],
  ["blogger", 1],
  ["human rights defender", 0.5],
  ["trade union activist", 0.7],
  ["designer", 1],
  ["retired military officer", 0.5],
];

export const CONDITIONS: readonly string[] = [
  "type 2 diabetes",
  "type 1 diabetes",
  "hypertension",
  "chronic heart disease",
  "asthma",
  "epilepsy",
  "cancer in remission",
  "chronic kidney disease",
  "multiple sclerosis",
  "tuberculosis",
  "disability (group II)",
  "chronic hepatitis C",
  "severe spinal hernia",
  "partial loss of sight",
];

export const DETENTION_NOTES: Weighted<string | null> = [
  [null, 40],
  ["detained at home after a search", 20],
  ["detained at a protest", 12],
  ["detained at work", 8],
  ["detained at the border on return to Belarus", 4],
  ["detained in the street", 8],
  ["summoned for questioning and detained", 8],
];

export const CONTACT_NOTES: readonly string[] = [
  "letter received by the family",
  "lawyer's visit",
  "family visit",
  "phone call to the family",
  "parcel accepted",
  "letter received by supporters",
];

export const HEALTH_NOTES: readonly string[] = [
  "condition worsened, medical care refused",
  "hospitalised in the prison hospital",
  "lost weight, complains of pain",
  "medication not passed on",
];

export const ILL_TREATMENT_NOTES: readonly string[] = [
  "placed in the punishment cell (SHIZO)",
  "transferred to a cell-type room (PKT)",
  "deprived of visits and parcels",
  "beaten during detention",
];
