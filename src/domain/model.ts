/**
 * The domain model of DESIGN.md as plain types. Records carry partial dates as their
 * canonical EDTF text plus the first and last day they cover, so that the store can index
 * them and analytics can work on day numbers without parsing again.
 */

export const EVENT_TYPES = [
  "detained",
  "charged",
  "sentenced",
  "transferred",
  "health",
  "ill_treatment",
  "incommunicado",
  "contact",
  "recognized",
  "recognition_withdrawn",
  "released",
  "house_arrest",
  "died_in_custody",
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const RELEASE_MECHANISMS = [
  "pardon",
  "amnesty",
  "end_of_term",
  "deported",
  "negotiated",
  "court",
  "other",
] as const;
export type ReleaseMechanism = (typeof RELEASE_MECHANISMS)[number];

export const OPERATION_KINDS = [
  "amnesty",
  "pardon",
  "negotiated",
  "deportation",
  "court",
  "other",
] as const;
export type OperationKind = (typeof OPERATION_KINDS)[number];

export const VISIBILITIES = ["public", "restricted", "private"] as const;
export type Visibility = (typeof VISIBILITIES)[number];

export const CONSENTS = ["unknown", "granted", "withheld"] as const;
export type Consent = (typeof CONSENTS)[number];

export const GENDERS = ["female", "male", "other", "unknown"] as const;
export type Gender = (typeof GENDERS)[number];

export const NAME_SCRIPTS = ["cyrillic", "latin", "other"] as const;
export type NameScript = (typeof NAME_SCRIPTS)[number];

export const NAME_KINDS = ["official", "transliteration", "alias"] as const;
export type NameKind = (typeof NAME_KINDS)[number];

export const COUNT_QUALIFIERS = ["exact", "approx", "more_than", "fewer_than"] as const;
export type CountQualifier = (typeof COUNT_QUALIFIERS)[number];

/** Admiralty scale: reliability of the source A (reliable) – F (cannot be judged). */
export const RELIABILITY_GRADES = ["A", "B", "C", "D", "E", "F"] as const;
export type Reliability = (typeof RELIABILITY_GRADES)[number];
/** Admiralty scale: credibility of the information 1 (confirmed) – 6 (cannot be judged). */
export const CREDIBILITY_GRADES = ["1", "2", "3", "4", "5", "6"] as const;
export type Credibility = (typeof CREDIBILITY_GRADES)[number];

/** A partial date as stored: canonical EDTF text and the days it covers. */
export interface DateRange {
  text: string;
  first: number;
  last: number;
}

export interface Source {
  id: string;
  title: string;
  publisher: string | null;
  url: string | null;
  published: DateRange | null;
  language: string | null;
  reliability: Reliability | null;
  credibility: Credibility | null;
  /** Only editors may see it (an informant's account, say); public output leaves it out. */
  restricted?: boolean;
}

export interface Person {
  id: string;
  name: string;
  nameLatin: string | null;
  birthDate: DateRange | null;
  gender: Gender | null;
  region: string | null;
  occupation: string | null;
  health: string | null;
  visibility: Visibility;
  consent: Consent;
  /** True for people made up by the demo generator: shown as synthetic everywhere. */
  synthetic: boolean;
}

export interface PersonName {
  personId: string;
  name: string;
  script: NameScript;
  kind: NameKind;
}

export interface CaseEvent {
  id: string;
  personId: string;
  type: EventType;
  date: DateRange;
  mechanism: ReleaseMechanism | null;
  operationId: string | null;
  monitor: string | null;
  facility: string | null;
  articles: string | null;
  sentenceMonths: number | null;
  description: string | null;
  sourceIds: string[];
}

export interface ReleaseOperation {
  id: string;
  date: DateRange;
  kind: OperationKind;
  announcedCount: number | null;
  mediators: string | null;
  description: string | null;
  sourceIds: string[];
}

export interface Measure {
  id: string;
  authority: string;
  target: string;
  kind: string;
  imposed: DateRange | null;
  eased: DateRange | null;
  lifted: DateRange | null;
  description: string | null;
  sourceIds: string[];
}

export interface DiplomaticEvent {
  id: string;
  date: DateRange;
  kind: string;
  actors: string | null;
  description: string | null;
  sourceIds: string[];
}

export interface MonitorCount {
  id: string;
  monitor: string;
  asOf: DateRange;
  value: number;
  qualifier: CountQualifier;
  sourceIds: string[];
}

/** Everything an interchange bundle can hold, one array per file. */
export interface Bundle {
  sources: Source[];
  people: Person[];
  names: PersonName[];
  operations: ReleaseOperation[];
  events: CaseEvent[];
  measures: Measure[];
  diplomaticEvents: DiplomaticEvent[];
  monitorCounts: MonitorCount[];
}

export function emptyBundle(): Bundle {
  return {
    sources: [],
    people: [],
    names: [],
    operations: [],
    events: [],
    measures: [],
    diplomaticEvents: [],
    monitorCounts: [],
  };
}

/** Events that open or close a detention interval. */
export const INTERVAL_EVENT_TYPES: readonly EventType[] = [
  "detained",
  "released",
  "died_in_custody",
];

/**
 * Event types an anonymous reader may see (DESIGN.md "Default private"): the dates of
 * detention and release, and death in custody. The API's redaction and the public export
 * both follow this list.
 */
export const PUBLIC_EVENT_TYPES: readonly EventType[] = ["detained", "released", "died_in_custody"];
