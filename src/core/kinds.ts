/**
 * The five record types, their folders and the words the CLI accepts for them.
 * Kept free of zod so that cheap commands (`--version`, `--help`) do not load the schemas.
 */
export type RecordType = 'organisation' | 'person' | 'meeting' | 'proposal' | 'agreement';

export const RECORD_TYPES: readonly RecordType[] = ['organisation', 'person', 'meeting', 'proposal', 'agreement'];

export const FOLDER_OF: Readonly<Record<RecordType, string>> = {
  organisation: 'organisations',
  person: 'people',
  meeting: 'meetings',
  proposal: 'proposals',
  agreement: 'agreements',
};

const TYPE_OF_FOLDER: ReadonlyMap<string, RecordType> = new Map(
  RECORD_TYPES.map((t) => [FOLDER_OF[t], t] as const),
);

const TYPE_WORDS: ReadonlyMap<string, RecordType> = new Map<string, RecordType>([
  ['organisation', 'organisation'],
  ['organisations', 'organisation'],
  ['organization', 'organisation'],
  ['organizations', 'organisation'],
  ['org', 'organisation'],
  ['orgs', 'organisation'],
  ['person', 'person'],
  ['people', 'person'],
  ['persons', 'person'],
  ['meeting', 'meeting'],
  ['meetings', 'meeting'],
  ['proposal', 'proposal'],
  ['proposals', 'proposal'],
  ['agreement', 'agreement'],
  ['agreements', 'agreement'],
]);

/** The type a folder under `records/` holds, or undefined for an unknown folder. */
export function typeOfFolder(folder: string): RecordType | undefined {
  return TYPE_OF_FOLDER.get(folder);
}

/** The type a CLI word names (`orgs`, `people`, `organization`...), or undefined. */
export function typeFromWord(word: string): RecordType | undefined {
  return TYPE_WORDS.get(word.toLowerCase());
}

/** Every word the CLI accepts for a type, for "did you mean" suggestions. */
export function typeWords(): string[] {
  return [...TYPE_WORDS.keys()];
}

/** The field that names a record of this type in lists and references. */
export function labelField(type: RecordType): 'name' | 'title' {
  return type === 'organisation' || type === 'person' ? 'name' : 'title';
}

/** Path of a record's file relative to the store root, always with `/`. */
export function recordPath(type: RecordType, id: string): string {
  return `records/${FOLDER_OF[type]}/${id}.md`;
}
