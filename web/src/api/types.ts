/**
 * The API's answers as the app reads them (docs/API.md, src/server/schemas). Counts of
 * people may be null for anonymous readers: cells of fewer than 5 people are hidden.
 */

export type Count = number | null;

export interface DateOut {
  text: string;
  first: string;
  last: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export type PersonStatus = "held" | "released" | "died_in_custody" | "unknown";

export interface NameForm {
  name: string;
  script: string;
  kind: string;
}

export interface Person {
  id: string;
  name: string;
  nameLatin: string | null;
  names: NameForm[];
  region: string | null;
  status: PersonStatus;
  detentions: {
    startFirst: string;
    startLast: string;
    endFirst: string | null;
    endLast: string | null;
    end: "released" | "died_in_custody" | null;
  }[];
  articles: string[];
  synthetic: boolean;
  // Signed-in readers only:
  birthDate?: DateOut | null;
  gender?: string | null;
  occupation?: string | null;
  health?: string | null;
  visibility?: string;
  consent?: string;
  version?: number;
  createdAt?: string;
  updatedAt?: string;
}

export interface Source {
  id: string;
  title: string;
  publisher: string | null;
  url: string | null;
  published: DateOut | null;
  language: string | null;
  reliability: string | null;
  credibility: string | null;
  restricted?: boolean;
  version?: number;
}

export interface CaseEvent {
  id: string;
  personId: string;
  type: string;
  date: DateOut;
  sourceIds: string[];
  mechanism?: string | null;
  operationId?: string | null;
  monitor?: string | null;
  facility?: string | null;
  articles?: string | null;
  sentenceMonths?: number | null;
  description?: string | null;
  version?: number;
}

export interface Timeline {
  person: Person;
  events: (CaseEvent & { sources: Partial<Source>[] })[];
  intervals: {
    startEventId: string;
    endEventId: string | null;
    start: { first: string; last: string; middle: string };
    end: { first: string; last: string; middle: string } | null;
    exit: string | null;
  }[];
  problems: { kind: string; eventIds: string[]; message: string }[];
}

export interface Operation {
  id: string;
  date: DateOut;
  kind: string;
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
  imposed: DateOut | null;
  eased: DateOut | null;
  lifted: DateOut | null;
  description: string | null;
  sourceIds: string[];
}

export interface DiplomaticEvent {
  id: string;
  date: DateOut;
  kind: string;
  actors: string | null;
  description: string | null;
  sourceIds: string[];
}

export interface MonitorCount {
  id: string;
  monitor: string;
  asOf: DateOut;
  value: number;
  qualifier: Qualifier;
  sourceIds: string[];
}

export type Qualifier = "exact" | "approx" | "more_than" | "fewer_than";

export interface StockRow {
  date: string;
  period?: string;
  count: Count;
  lower: Count;
  upper: Count;
}

export interface FlowRow {
  period: string;
  admissions: Count;
  exits: Record<string, Count>;
}

export interface DoorWindow {
  days: number;
  admissions: Count;
  admissions_before: Count;
  replacement_ratio: number | null;
  stock_before: Count;
  stock_after: Count;
  stock_change: number | null;
  rearrests: Count;
}

export interface RevolvingDoorRow {
  operation_id: string;
  date: string;
  announced: number | null;
  released_documented: Count;
  ratio_basis: string;
  refill_days: number | null;
  windows: DoorWindow[];
}

export interface LedgerEntry {
  operationId: string;
  date: string;
  announced: number | null;
  releasedDocumented: Count;
  ratioBasis: string;
  refillDays: number | null;
  measures: {
    measureId: string;
    authority: string;
    target: string;
    kind: string;
    action: string;
    date: string;
    lagDays: number;
  }[];
  diplomaticEvents: {
    id: string;
    kind: string;
    actors: string | null;
    description: string | null;
    date: string;
    lagDays: number;
  }[];
}

export interface ReconciliationRow {
  countId: string;
  monitor: string;
  asOf: string;
  day: string;
  value: number;
  qualifier: Qualifier;
  recognized: { count: Count; lower: Count; upper: Count };
  total: { count: Count; lower: Count; upper: Count };
  difference: number | null;
  consistent: boolean;
  possiblyConsistent: boolean;
}

interface Dated {
  /** As recorded (EDTF). */
  date: string;
  /** The middle day it is placed on. */
  day: string;
}

export interface DashboardData {
  range: { from: string; to: string };
  synthetic: { people: number; syntheticPeople: number; notice: string | null };
  stock: StockRow[];
  recognizedStock: { monitor: string; rows: StockRow[] }[];
  aroundOperations: {
    from: string;
    to: string;
    stock: StockRow[];
    recognized: { monitor: string; rows: StockRow[] }[];
  } | null;
  monitorCounts: (Dated & { id: string; monitor: string; value: number; qualifier: Qualifier })[];
  operations: (Dated & {
    id: string;
    kind: string;
    announced: number | null;
    mediators: string | null;
    description: string | null;
  })[];
  measures: (Dated & {
    id: string;
    authority: string;
    target: string;
    kind: string;
    action: "imposed" | "eased" | "lifted";
    description: string | null;
  })[];
  diplomaticEvents: (Dated & {
    id: string;
    kind: string;
    actors: string | null;
    description: string | null;
  })[];
  flows: FlowRow[];
  revolvingDoor: RevolvingDoorRow[];
  ledger: LedgerEntry[];
  reconciliation: ReconciliationRow[];
  atRisk: {
    asOf: string;
    held: Count;
    counts: Record<string, Count>;
    silenceDays: number;
    longHeldYears: number;
    elderlyAge: number;
  };
  deathsInCustody: { date: string; range: string; heldDays: number }[];
  deathsInCustodyCount?: Count;
  dataProblems: Record<string, Count>;
  sources: Record<
    string,
    { id: string; title: string; publisher?: string | null; url?: string | null }
  >;
}

export type Role = "public" | "viewer" | "editor" | "admin";

export interface Session {
  user: { name: string; role: Role } | null;
  via: "anonymous" | "session" | "token";
  role: Role;
  csrfToken: string | null;
}

export interface User {
  id: number;
  name: string;
  role: Role;
  disabled: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface ApiToken {
  id: string;
  userName: string;
  name: string;
  role: Role;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: "insert" | "update" | "delete" | "restore";
  entity: string;
  entityId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  batch: string | null;
}

/** One field of a match score: how it agrees, the bits it adds, and what was compared. */
export interface MatchField {
  field: string;
  level: string;
  weight: number;
  detail: string;
}

/** A pair of the matching review queue (GET /api/review/matches). */
export interface MatchCandidate {
  id: number;
  leftId: string;
  rightId: string;
  probability: number;
  weight: number;
  explanation: { weight?: number; levels?: Record<string, string>; fields?: MatchField[] };
  status: "pending" | "accepted" | "rejected" | "linked";
  mergeId: number | null;
  decidedBy: string | null;
  decidedAt: string | null;
  note: string | null;
  left: Person | null;
  right: Person | null;
}

export interface MergeEntry {
  id: number;
  intoId: string;
  fromId: string;
  intoName: string | null;
  fromName: string | null;
  candidateId: number | null;
  mergedBy: string;
  mergedAt: string;
  undoneBy: string | null;
  undoneAt: string | null;
}

export type DraftKind = "release_operation" | "monitor_count" | "measure" | "diplomatic_event";

/** A draft read from a news article (GET /api/review/drafts). */
export interface Draft {
  id: number;
  articleSourceId: string;
  kind: DraftKind;
  status: "pending" | "accepted" | "rejected";
  payload: Record<string, string | number | null>;
  editedPayload: Record<string, string | number | null> | null;
  sentence: string;
  sentenceStart: number;
  sentenceEnd: number;
  confidence: number;
  notes: string[];
  evidence: { field: string; text: string; start: number; end: number }[];
  recordId: string | null;
  reviewer: string | null;
  reviewedAt: string | null;
}

export interface ExtractionResult {
  articleSourceId: string;
  language: "fr" | "en" | "ru";
  published: string | null;
  publishedFrom: "given" | "text" | "none";
  warnings: string[];
  created: number;
  alreadySaved: number;
  drafts: Draft[];
}

export interface DraftAccepted {
  draft: Draft;
  kind: DraftKind;
  recordId: string;
  action: "created" | "linked";
  sourceCreated: boolean;
}
