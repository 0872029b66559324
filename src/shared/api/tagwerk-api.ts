/**
 * The one contract between the UI and the backend. Implemented once by the Node services
 * (src/main/services) and carried unchanged over Electron IPC, local HTTP and the CLI.
 * Every method takes one plain-JSON argument object and resolves to plain JSON.
 */
import type { AgreementReport } from '../review/agreement';
import type { Comment, Layer, Span, Attributes } from '../model/annotation';
import type { DocumentStatus, DocumentSummary, TagwerkDocument } from '../model/document';
import type { Annotator, Manifest } from '../model/project';
import type { TagSchema } from '../model/tag-schema';
import type { Entity, EntityInput, Mention } from '../model/entities';
import type { Place, PlaceMatchKind, PlaceMatchSource } from '../domain/gazetteer';
import type { PlaceInput } from '../model/user-places';
import type { Suggestion } from '../domain/suggestions';
import type { Occurrence } from '../domain/occurrences';
import type { SpanChange } from '../ops/span-change';
import type { NestedPolicy } from '../formats/export-format';
import type { OffsetUnit } from '../formats/jsonl';

/** A file that could not be loaded, reported by name; the project opens without it. */
export interface ProjectProblem {
  file: string;
  message: string;
}

export interface ProjectInfo {
  name: string;
  /** Absolute path of the project folder. */
  dir: string;
  language: Manifest['language'];
  tagSchema: TagSchema;
  annotators: Annotator[];
  /** The annotator whose layer the UI edits. */
  currentAnnotator: Annotator;
  documentCount: number;
  problems: ProjectProblem[];
}

/** A document with every annotator's layer. */
export interface DocumentDetail {
  document: TagwerkDocument;
  layers: Layer[];
}

/** A file handed over by the UI (drag and drop, File ▸ Open… in the browser). */
export interface IncomingFile {
  /** The file's name, or its relative path when it came from a folder. */
  name: string;
  /** The file's bytes, base64. */
  data: string;
}

/** A file (or one problem in it) that was not imported. */
export interface ImportFailure {
  fileName: string;
  message: string;
  /**
   * The file is text, but not valid UTF-8 (or UTF-16): importing `location` again with
   * `replaceInvalid` reads it with U+FFFD for each invalid sequence. `location` is where the file
   * came from: its path for an import by path, the name the page handed over for `importFiles`.
   */
  invalidEncoding?: { location: string };
}

export interface ImportReport {
  imported: { documentId: string; title: string; fileName: string }[];
  /** Files whose canonical text is in the project already. */
  duplicates: { documentId: string; fileName: string }[];
  failed: ImportFailure[];
  /** Spans added from annotated files (JSONL). */
  spansAdded: number;
  /** Spans in annotated files that were refused (out of range, quote mismatch), with the reason. */
  spansRejected: { fileName: string; message: string }[];
  /** What was repaired or skipped while the rest of a file was imported (ill-formed tags, brat events). */
  warnings: { fileName: string; message: string }[];
}

/** What to export: the format, whose layer, which labels, the offset unit, the nesting policy. */
export interface ExportRequest {
  format: string;
  /** One annotator's layer; omitted: every annotator's layer (formats holding one layer need one when several exist). */
  annotator?: string;
  /** `curated`: the curated (gold) layer instead of annotators' layers. */
  layer?: 'curated';
  /** Only these labels; omitted: all. */
  labels?: string[];
  unit: OffsetUnit;
  nested: NestedPolicy;
}

/** Agreement figures plus the documents left out because not every compared annotator has a layer for them. */
export type AgreementResult = AgreementReport & { skipped: { documentId: string; title: string; missing: string[] }[] };

export interface ExportResult {
  /** Absolute path of the file or folder written. */
  path: string;
  documents: number;
  spans: number;
  relations: number;
  bytes: number;
  /** Files written (folder formats and side files). */
  files: string[];
  /** What the format could not carry, with counts. */
  warnings: string[];
}

/**
 * A place found by `searchPlaces`: the place, how the query met it (`match`: the whole name, the
 * name plus a genitive `-s`, or the start of it) and through which name (`via`: a curated alias
 * or own place's alias, the name, or a GeoNames variant spelling). Suggestions should trust only
 * `exact` hits via `alias` or `name`. Own places have ids starting with `user:`.
 */
export type PlaceSearchHit = Place & { match: PlaceMatchKind; via: PlaceMatchSource };

export interface PlaceSearchResult {
  /** Best first; on equal rank the project's own places before the packaged gazetteer's. */
  places: PlaceSearchHit[];
  /** The packaged gazetteer was still loading: only the own places were searched; ask again. */
  loading?: boolean;
  /** The notice to show wherever gazetteer data is shown (GeoNames CC BY 4.0, world-countries ODbL). */
  attribution: string;
  /** What could not be searched (a damaged `places.json`, gazetteer data that cannot be read). */
  problem?: string;
}

/** What `suggestSpans` answers. */
export interface SuggestionResult {
  suggestions: Suggestion[];
  /** The packaged gazetteer was still loading: no place suggestions yet; ask again. */
  loading?: boolean;
  /** What could not be used (a damaged `entities.json` or `places.json`, gazetteer data). */
  problem?: string;
}

/** An occurrence in a document (see `findOccurrences`). */
export type DocumentOccurrence = Occurrence & { documentId: string; title: string };

export interface TagwerkApi {
  /** The open project: name, schema, annotators, problems found while loading. */
  getProject(args: Record<string, never>): Promise<ProjectInfo>;
  /** Every document, ordered by date then title. */
  listDocuments(args: Record<string, never>): Promise<DocumentSummary[]>;
  /** One document with all annotator layers. */
  getDocument(args: { documentId: string }): Promise<DocumentDetail>;
  /** Imports article files (txt, md, html, jsonl) into the project. */
  importFiles(args: {
    files: IncomingFile[];
    /** Read text that is not valid UTF-8 (or UTF-16) with U+FFFD for each invalid sequence (a warning says how many), instead of refusing it. */
    replaceInvalid?: boolean;
  }): Promise<ImportReport>;
  /** Adds a span to the current annotator's layer; resolves once it is durably on disk. */
  createSpan(args: {
    documentId: string; start: number; end: number; label: string; attributes?: Attributes; note?: string;
  }): Promise<Span>;
  /** Changes a span of the current annotator's layer; resolves once durable. */
  updateSpan(args: {
    documentId: string; spanId: string;
    patch: { start?: number; end?: number; label?: string; attributes?: Attributes; note?: string };
  }): Promise<Span>;
  /** Deletes a span (and its relations) from the current annotator's layer; resolves once durable. */
  deleteSpan(args: { documentId: string; spanId: string }): Promise<{ deleted: string }>;
  /** Sets the current annotator's progress on a document. */
  setDocumentStatus(args: { documentId: string; status: DocumentStatus }): Promise<{ status: DocumentStatus }>;
  /**
   * Applies one edit of the current annotator's layer (or its undo) as a whole: every span it
   * puts must quote the text at its offsets and use a known label. Resolves once durable.
   */
  applyChange(args: { documentId: string; change: SpanChange; layer?: 'curated' }): Promise<{ spanCount: number; status: DocumentStatus }>;
  /**
   * Sets the name stamped on everything this user creates from now on (kept in the user's
   * settings, for every project); their layer is the one of that name from then on.
   */
  setAnnotatorName(args: { name: string }): Promise<ProjectInfo>;
  /**
   * Adds the current annotator's comment to the discussion on a span of any layer of the
   * document (kept in the commenter's own layer file). Resolves once durable.
   */
  addComment(args: { documentId: string; target: { annotator: string; spanId: string }; text: string }): Promise<Comment>;
  /** Changes the text of one of the current annotator's comments. */
  updateComment(args: { documentId: string; commentId: string; text: string }): Promise<Comment>;
  /** Deletes one of the current annotator's comments. */
  deleteComment(args: { documentId: string; commentId: string }): Promise<{ deleted: string }>;
  /** Agreement between annotators' layers (default: every annotator with a layer), over documents all of them annotated. */
  agreement(args: { annotators?: string[]; labels?: string[] }): Promise<AgreementResult>;
  /** Replaces the tag schema; refuses a schema with problems or one that drops a label still in use. */
  updateTagSchema(args: { tagSchema: TagSchema }): Promise<ProjectInfo>;
  /** How many spans use each label, over every layer in the project. */
  labelUsage(args: Record<string, never>): Promise<Record<string, number>>;
  /** The start of what an export would write (the first documents), without writing anything. */
  previewExport(args: ExportRequest): Promise<{ preview: string; files: string[]; warnings: string[] }>;
  /**
   * Exports the project into its `exports/` folder under `fileName` (a plain file or folder
   * name; an existing export of that name is replaced). Reports progress as `export-progress`.
   */
  exportProject(args: ExportRequest & { fileName: string }): Promise<ExportResult>;
  /**
   * The project's entity list (`entities.json`), sorted by name. When the file cannot be loaded
   * the list is empty and `problem` says why (the file is left untouched).
   */
  listEntities(args: Record<string, never>): Promise<{ entities: Entity[]; problem?: string }>;
  /**
   * Creates an entity (no id) or replaces the name, type, aliases and note of one (with id).
   * Refuses a name or alias another entity has (compared case- and diacritics-insensitively).
   * Resolves once durable.
   */
  saveEntity(args: { entity: EntityInput }): Promise<Entity>;
  /** Deletes an entity; refused (`conflict`) while any span of any layer links to it. */
  deleteEntity(args: { id: string }): Promise<{ deleted: string }>;
  /**
   * Every span linked to an entity (attribute `entity`), of one entity when `entityId` is given,
   * in every annotator's layer of every document, or in the curated layer with `layer: 'curated'`.
   */
  entityMentions(args: { entityId?: string; layer?: 'curated' }): Promise<Mention[]>;
  /**
   * Places whose name or alias matches `query` (default limit 10), among the project's own
   * places (`places.json`) and the packaged gazetteer. The first call in a process may wait for
   * the gazetteer to load (~2.5 s) unless a transport warmed it at start-up.
   */
  searchPlaces(args: { query: string; limit?: number }): Promise<PlaceSearchResult>;
  /** One place by id, own (`user:…`) or from the packaged gazetteer; `not-found` otherwise. */
  getPlace(args: { id: string }): Promise<Place>;
  /**
   * Adds one of the project's own places (no id; it gets `user:<slug of the name>`, with a
   * number when taken) or changes one (with its id, which stays). Resolves once durable.
   */
  savePlace(args: { place: PlaceInput }): Promise<Place>;
  /**
   * Pre-annotation for a document: casualty-figure phrases, mentions of the project's entities
   * and trusted place names (see domain/suggestions.ts), for the labels the schema has, in text
   * order. Says nothing of the layers: the caller leaves out what is tagged or dismissed
   * (`openSuggestions`). Suggestions are never stored until accepted as spans.
   */
  suggestSpans(args: { documentId: string }): Promise<SuggestionResult>;
  /**
   * Where `phrases` stand as whole words, in one document (`documentId`) or the whole project,
   * leaving out places the current annotator already tagged with `label` (overlapping).
   */
  findOccurrences(args: { phrases: string[]; label: string; documentId?: string }): Promise<{ occurrences: DocumentOccurrence[] }>;
  /**
   * Tags each range with `label` (and `attributes`) in the current annotator's layers, one
   * durable change per document; ranges that overlap a span of the label by now are skipped.
   * Answers the spans made, so that the caller can take them back (applyChange, removeSpans).
   */
  tagOccurrences(args: { label: string; attributes?: Attributes; occurrences: { documentId: string; start: number; end: number }[] }): Promise<{ created: { documentId: string; spanId: string }[]; skipped: number }>;
  /** Deletes one of the project's own places; refused (`conflict`) while any span of any layer links to it. */
  deletePlace(args: { id: string }): Promise<{ deleted: string }>;
}

export type ApiMethod = keyof TagwerkApi;

/** Events the backend pushes to the UI. */
export type TagwerkEvent =
  | { type: 'documents-changed' }
  | { type: 'project-changed' }
  | { type: 'import-progress'; done: number; total: number }
  | { type: 'export-progress'; done: number; total: number }
  /** The desktop menu asks the window to open the export dialog. */
  | { type: 'open-export' };

/** What a transport exposes to the renderer: the API plus a subscription to events. */
export interface TagwerkBridge {
  api: TagwerkApi;
  /** Subscribes to backend events; returns the unsubscribe function. */
  onEvent(listener: (event: TagwerkEvent) => void): () => void;
  /** Which transport carries the API: `ipc` in the desktop app, `http` in browser mode. */
  transport: 'ipc' | 'http';
}

/** Error codes every transport carries unchanged. */
export type ApiErrorCode = 'invalid-argument' | 'not-found' | 'conflict' | 'invalid-input' | 'io' | 'internal';

/** An error with a code and a message meant for the user. */
export class ApiError extends Error {
  constructor(readonly code: ApiErrorCode, message: string) {
    super(message);
    this.name = 'ApiError';
  }
}
