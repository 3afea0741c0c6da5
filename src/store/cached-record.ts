/**
 * A record taken from the cache: one small object over a slot of the cache, with no closures. Fields, references
 * and the content hash are read from the cache on first use; positions by parsing the file again, which only
 * records with a problem ever need.
 */
import type { Diagnostic } from '../core/diagnostic.js';
import type { RecordType } from '../core/kinds.js';
import type { LocationIndex } from '../core/locations.js';
import type { CachedReference, Fields, ScalarFields, StoreRecord } from '../core/record.js';
import type { RecordCache } from './cache.js';
import type { RecordFileRef } from './scan.js';

const UNREAD = Symbol('unread');

/** Reading the record's own file again: for fields the cache cannot give back, and for positions. */
export interface FileSource {
  fields(ref: RecordFileRef): Fields | undefined;
  locations(ref: RecordFileRef): LocationIndex;
}

export class CachedRecord implements StoreRecord {
  readonly type: RecordType;
  readonly id: string;
  readonly file: string;
  #diagnostics: Diagnostic[] | undefined;
  #fields: Fields | undefined | typeof UNREAD = UNREAD;
  #references: readonly CachedReference[] | undefined | typeof UNREAD = UNREAD;
  #locations: LocationIndex | undefined;
  #hash: string | undefined;
  #scalars: ScalarFields | undefined | typeof UNREAD = UNREAD;

  constructor(
    private readonly ref: RecordFileRef,
    private readonly cache: RecordCache,
    /** Where the record is in the cache. */
    readonly slot: number,
    private readonly source: FileSource,
    /**
     * Whether to give scalar fields from their own blob: for a command that reads many records of a type
     * (`list`). One that reads a few (`show`, `search`'s hits) reads their whole fields, and no second blob.
     */
    private readonly many = false,
  ) {
    this.type = ref.type;
    this.id = ref.id;
    this.file = ref.file;
  }

  // Read from the cache's columns when asked: a command may make every record and look at few.
  get valid(): boolean {
    return this.cache.valid(this.slot);
  }

  get bodyLine(): number {
    return this.cache.bodyLine(this.slot);
  }

  get bodyOffset(): number {
    return this.cache.bodyOffset(this.slot);
  }

  get diagnostics(): Diagnostic[] {
    return (this.#diagnostics ??= [...this.cache.diagnostics(this.slot)]);
  }

  set diagnostics(value: Diagnostic[]) {
    this.#diagnostics = value;
  }

  get fields(): Fields | undefined {
    if (this.#fields === UNREAD) {
      const cached = this.cache.cachedFields(this.slot);
      this.#fields = cached.found ? cached.fields : this.source.fields(this.ref);
    }
    return this.#fields;
  }

  /** Read from their own blob: a query of top-level fields then parses no lists (see ScalarFields). */
  get scalarFields(): ScalarFields | undefined {
    if (!this.many) return undefined;
    if (this.#scalars === UNREAD) this.#scalars = this.cache.cachedScalars(this.slot);
    return this.#scalars;
  }

  get locations(): LocationIndex {
    return (this.#locations ??= this.source.locations(this.ref));
  }

  get cachedReferences(): readonly CachedReference[] | undefined {
    if (this.#references === UNREAD) this.#references = this.cache.cachedReferences(this.slot);
    return this.#references;
  }

  /** `parent` of an organisation, kept in the cache for the cycle check without reading fields. */
  get parent(): string | undefined {
    return this.cache.parent(this.slot);
  }

  get contentHash(): string {
    return (this.#hash ??= this.cache.hash(this.slot));
  }

  /** Plain data for JSON: the getters are on the prototype and would be left out. */
  toJSON(): Omit<StoreRecord, 'locations'> {
    const { type, id, file, fields, valid, bodyLine, bodyOffset, diagnostics } = this;
    return { type, id, file, fields, valid, bodyLine, bodyOffset, diagnostics };
  }
}
