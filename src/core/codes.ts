/**
 * The diagnostics catalog: every code dossier reports, its severity, its text and how to fix it.
 * The only place user-facing diagnostic text lives; docs/diagnostics.md is generated from it.
 */
import type { Diagnostic, Severity, Span } from './diagnostic.js';

type Params = Record<string, string | number | undefined>;

export interface CodeInfo {
  severity: Severity;
  /** One line for the docs. */
  title: string;
  message: (p: Params) => string;
  hint?: (p: Params) => string | undefined;
  /** A record (or situation) that triggers it, for the docs. */
  example: string;
  /** How to fix it, for the docs. */
  fix: string;
}

const didYouMean = (p: Params) => (p.suggestion ? `did you mean \`${p.suggestion}\`?` : undefined);

export const CODES = {
  'file/unreadable': {
    severity: 'error',
    title: 'The file could not be read.',
    message: (p) => `cannot read this file: ${p.reason}`,
    example: 'A record whose permissions forbid reading it.',
    fix: 'Check the file permissions (`chmod u+r`).',
  },
  'file/too-large': {
    severity: 'error',
    title: 'The file is larger than a record may be (10 MiB).',
    message: (p) => `the file is ${p.size} bytes; a record may be at most ${p.limit} bytes`,
    hint: () => 'move large material (reports, scans) out of the store and link to it in `documents`',
    example: 'A record with a pasted 20 MB report in its body.',
    fix: 'Keep large documents outside the store and link to them.',
  },
  'file/encoding': {
    severity: 'error',
    title: 'The file is not valid UTF-8.',
    message: (p) => `the file is not valid UTF-8 (first bad byte at line ${p.badLine})`,
    hint: () => 're-save the file as UTF-8 in your editor',
    example: 'A record saved as Windows-1250 from an old editor.',
    fix: 'Re-save the file with UTF-8 encoding.',
  },
  'file/line-endings': {
    severity: 'error',
    title: 'The lines end in a bare carriage return (CR), as on classic Mac OS.',
    message: () => 'the lines of this file end in a bare carriage return (CR); records need LF (or CRLF) line endings',
    hint: () => "re-save the file with LF (Unix) line endings, e.g. `tr '\\r' '\\n' < FILE > FILE.tmp && mv FILE.tmp FILE`",
    example: '---␍name: Prevent␍kind: civil-society␍---␍Body.␍\n(every line ends in a carriage return alone, shown here as ␍)',
    fix: 'Convert the line endings to LF; most editors have a line-ending setting.',
  },
  'store/unexpected-entry': {
    severity: 'warning',
    title: 'Something in records/ that is not a record; it is not read.',
    message: (p) => `${p.what} is not a record and was not read`,
    hint: (p) => p.hint as string | undefined,
    example: 'A symlink `records/people/x.md`, a folder `records/notes/`, or `records/meetings/notes.txt`.',
    fix: 'Records are regular `.md` files directly inside one of the five folders; move or delete anything else.',
  },
  'frontmatter/missing': {
    severity: 'error',
    title: 'The file does not start with a `---` frontmatter block.',
    message: () => 'the file does not start with a frontmatter block (`---` on the first line)',
    hint: () => 'start the file with `---`, the YAML fields, and a closing `---`',
    example: '# Consultation\n\nNo frontmatter at all.',
    fix: 'Add a frontmatter block: a first line `---`, the fields, then a line `---`.',
  },
  'frontmatter/unterminated': {
    severity: 'error',
    title: 'The frontmatter block has no closing `---` line.',
    message: () => 'the frontmatter block is never closed with a `---` line',
    hint: () => 'add a line `---` after the last field',
    example: '---\nname: Prevent\nkind: civil-society\n\nBody text...',
    fix: 'Add a line with exactly `---` after the last YAML field.',
  },
  'frontmatter/unsafe': {
    severity: 'error',
    title: 'The frontmatter is not YAML (e.g. `---js`); it is never run.',
    message: (p) => `front matter in ${p.language} is not allowed; records are YAML only, and nothing in a record is ever run`,
    hint: () => 'use a plain `---` line and YAML fields',
    example: '---js\n{ name: require("fs").writeFileSync("pwned", "") }\n---',
    fix: 'Rewrite the frontmatter as YAML under a plain `---` line.',
  },
  'frontmatter/not-mapping': {
    severity: 'error',
    title: 'The frontmatter is not a mapping of fields.',
    message: (p) => `the frontmatter must be a mapping of \`field: value\` lines, found ${p.found}`,
    example: '---\n- just\n- a list\n---',
    fix: 'Write one `field: value` per line.',
  },
  'frontmatter/too-large': {
    severity: 'error',
    title: 'The frontmatter is larger than 1 MiB.',
    message: (p) => `the frontmatter is ${p.size} bytes; at most ${p.limit} are allowed`,
    hint: () => 'long text belongs in the Markdown body, below the closing `---`',
    example: 'A frontmatter with a 2 MB `outcomes` list.',
    fix: 'Move long text into the Markdown body.',
  },
  'frontmatter/too-deep': {
    severity: 'error',
    title: 'The frontmatter nests deeper than any record needs.',
    message: (p) => `the frontmatter nests ${p.depth} levels deep; at most ${p.limit} are allowed`,
    example: '---\nx: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]...',
    fix: 'Records need at most three levels (a list of mappings); flatten the value.',
  },
  'yaml/syntax': {
    severity: 'error',
    title: 'The frontmatter is not valid YAML.',
    message: (p) => `YAML syntax error: ${p.detail}`,
    hint: (p) => p.hint as string | undefined,
    example: '---\ntitle: [Consultation\n---',
    fix: 'Fix the YAML at the position shown; quote values that contain `: ` or start with `[`, `{`, `*`, `&`, `!`, `%` or `@`.',
  },
  'yaml/duplicate-key': {
    severity: 'error',
    title: 'A field appears twice in the same mapping.',
    message: (p) => `\`${p.key}\` appears more than once`,
    hint: () => 'keep one of them; for several values use a list',
    example: '---\nname: Prevent\nname: Prevent Novi Sad\n---',
    fix: 'Delete one of the two keys, or merge their values into a list.',
  },
  'yaml/merge-conflict': {
    severity: 'error',
    title: 'The file contains git merge-conflict markers.',
    message: () => 'git merge-conflict marker: this file has an unresolved merge conflict',
    hint: () => 'keep the right version of the lines between `<<<<<<<` and `>>>>>>>`, delete the markers, then `git add` the file',
    example: '---\n<<<<<<< HEAD\nstatus: adopted\n=======\nstatus: rejected\n>>>>>>> other\n---',
    fix: 'Resolve the conflict and remove the marker lines.',
  },
  'yaml/alias': {
    severity: 'error',
    title: 'YAML anchors (`&x`) and aliases (`*x`) are not allowed.',
    message: (p) => `YAML ${p.what} \`${p.name}\` is not allowed in a record`,
    hint: () => 'write the value out in full',
    example: '---\nparticipants: &all [dpnsee, prevent]\nattendees: *all\n---',
    fix: 'Write the value out in full instead of referring to it.',
  },
  'yaml/tag': {
    severity: 'error',
    title: 'YAML tags (`!!str`, `!foo`) are not allowed.',
    message: (p) => `YAML tag \`${p.tag}\` is not allowed in a record`,
    hint: () => 'remove the tag; quote the value if it must be text',
    example: '---\nname: !!js/function "function () {}"\n---',
    fix: 'Remove the tag. To force text, quote the value: `"007"`.',
  },
  'yaml/key': {
    severity: 'error',
    title: 'A key is not a plain word.',
    message: () => 'keys must be plain field names, not lists or mappings',
    example: '---\n? [a, b]\n: 1\n---',
    fix: 'Use a plain field name as the key.',
  },
  'schema/required': {
    severity: 'error',
    title: 'A required field is missing.',
    message: (p) => `${p.where} is missing the required field \`${p.field}\``,
    hint: (p) => p.hint as string | undefined,
    example: '---\nname: Prevent\n---   # an organisation needs `kind`',
    fix: 'Add the field; `dossier schema` and docs/record-model.md list what each type requires.',
  },
  'schema/type': {
    severity: 'error',
    title: 'A value has the wrong type.',
    message: (p) => `\`${p.field}\` must be ${p.expected}, found ${p.found}`,
    hint: (p) => p.hint as string | undefined,
    example: '---\ntitle: Consultation\ndate: 2019-02-25\nparticipants: dpnsee\n---   # participants is a list',
    fix: 'Write the value in the expected form (a list is `[a, b]` or one `- item` per line).',
  },
  'schema/enum': {
    severity: 'error',
    title: 'A value is not one of the allowed choices.',
    message: (p) => `\`${p.field}\` must be one of ${p.allowed}; found ${p.found}`,
    hint: didYouMean,
    example: '---\nname: Prevent\nkind: ngo\n---',
    fix: 'Use one of the listed values.',
  },
  'schema/format': {
    severity: 'error',
    title: 'A value is not in the expected format (date, URL, email, country, language, id).',
    message: (p) => `\`${p.field}\` must be ${p.expected}; found ${p.found}`,
    hint: (p) => p.hint as string | undefined,
    example: '---\ntitle: Consultation\ndate: 25.02.2019\n---',
    fix: 'Dates are `YYYY-MM-DD` (a real day), URLs start with http:// or https://, countries are two uppercase letters.',
  },
  'schema/too-small': {
    severity: 'error',
    title: 'A list has fewer items than required, or a text is empty.',
    message: (p) => `\`${p.field}\` ${p.detail}`,
    example: '---\ntitle: MoU\nkind: memorandum-of-understanding\nsigned_on: 2018-01-10\nparties: [office-for-combating-drugs]\n---',
    fix: 'Add the missing items or text.',
  },
  'schema/unknown-field': {
    severity: 'error',
    title: 'A field that the record type does not have.',
    message: (p) => `\`${p.field}\` is not a field of ${p.where}`,
    hint: (p) => (p.suggestion ? `did you mean \`${p.suggestion}\`?` : `the fields are: ${p.fields}`),
    example: '---\ntitle: Consultation\ndate: 2019-02-25\nparticipant: [dpnsee]\n---',
    fix: 'Fix the spelling, or remove the field.',
  },
  'id/invalid': {
    severity: 'error',
    title: 'The file name is not a valid id.',
    message: (p) => `the file name ${p.id} is not a valid id: ${p.reason}`,
    hint: (p) => (p.suggestion ? `rename the file to \`${p.suggestion}.md\`` : undefined),
    example: '`records/organisations/Prevent NS.md`',
    fix: 'Ids are lowercase ASCII letters and digits in hyphen-separated runs, at most 100 characters; rename the file (`dossier rename`).',
  },
  'id/mismatch': {
    severity: 'error',
    title: 'The `id:` or `type:` in the frontmatter does not match the file.',
    message: (p) => `\`${p.field}: ${p.found}\` does not match the file, which makes it ${p.expected}`,
    hint: (p) => p.hint as string | undefined,
    example: '`records/organisations/prevent.md` with `id: prevent-ns`',
    fix: 'Remove the `id:`/`type:` line (the path is the truth), or rename the file.',
  },
  'id/duplicate': {
    severity: 'error',
    title: 'Two records have the same id (all types share one namespace, case-insensitively).',
    message: (p) => `the id \`${p.id}\` is also used by ${p.other}`,
    hint: () => 'ids are unique across all types; rename one of them',
    example: '`records/organisations/prevent.md` and `records/proposals/prevent.md`',
    fix: 'Rename one of the records (`dossier rename`).',
  },
  'ref/missing': {
    severity: 'error',
    title: 'A reference names a record that does not exist.',
    message: (p) => `\`${p.field}\` refers to \`${p.id}\`, but there is no such record`,
    hint: didYouMean,
    example: '---\ntitle: Consultation\ndate: 2019-02-25\nhost: office-for-combatting-drugs\n---',
    fix: 'Fix the id, or add the missing record.',
  },
  'ref/wrong-type': {
    severity: 'error',
    title: 'A reference names a record of a type the field does not allow.',
    message: (p) => `\`${p.field}\` must refer to ${p.expected}, but \`${p.id}\` is ${p.found}`,
    example: '---\ntitle: Consultation\ndate: 2019-02-25\nhost: milan-pekic   # a person, not an organisation\n---',
    fix: 'Refer to a record of the right type.',
  },
  'rule/date-order': {
    severity: 'error',
    title: 'A date comes before the date it must follow.',
    message: (p) => `\`${p.field}\` (${p.value}) is before \`${p.other}\` (${p.otherValue})`,
    example: '---\ntitle: Seminar\ndate: 2019-03-02\nend_date: 2019-03-01\n---',
    fix: 'Correct one of the two dates.',
  },
  'rule/parent-cycle': {
    severity: 'error',
    title: 'Organisations are each other\'s parents (a cycle).',
    message: (p) => `\`parent\` makes a cycle: ${p.cycle}`,
    example: '`a.md` with `parent: b` and `b.md` with `parent: a`',
    fix: 'Break the cycle: a parent is the larger body the organisation belongs to.',
  },
  'rule/self-reference': {
    severity: 'error',
    title: 'An organisation is its own parent or member.',
    message: (p) => `\`${p.field}\` refers to the organisation itself`,
    example: '`records/organisations/dpnsee.md` with `member_of: [dpnsee]`',
    fix: 'Remove the reference.',
  },
  'rule/participant-count': {
    severity: 'error',
    title: '`participant_count` is smaller than the number of `participants` listed.',
    message: (p) => `\`participant_count\` is ${p.count}, but ${p.listed} participants are listed`,
    example: '---\ntitle: Consultation\ndate: 2019-02-25\nparticipants: [a, b, c]\nparticipant_count: 2\n---',
    fix: 'participant_count is the number present in all, named or not; it is at least the number listed.',
  },
  'rule/declared-parties': {
    severity: 'warning',
    title: '`declared_parties` differs from the number of `parties` listed.',
    message: (p) => `the source declares ${p.declared} parties, ${p.listed} are listed`,
    hint: () => 'add the missing parties when the source names them; otherwise this warning records that it does not',
    example: '---\ntitle: MoU\nkind: memorandum-of-understanding\nsigned_on: 2018-01-10\nparties: [a, b]\ndeclared_parties: 12\n---',
    fix: 'Nothing to fix when the source names fewer parties than it counts; the warning documents the gap.',
  },
  'rule/held-in-future': {
    severity: 'warning',
    title: 'A meeting marked `held` has a date in the future.',
    message: (p) => `the meeting is \`held\` but its date ${p.date} is after today (${p.today})`,
    hint: () => 'set `status: planned` for meetings that have not happened yet',
    example: '---\ntitle: Next consultation\ndate: 2099-01-01\n---   # status defaults to held',
    fix: 'Set `status: planned`, or correct the date.',
  },
  'rule/submitted-on-missing': {
    severity: 'warning',
    title: 'A proposal that left `draft` has no `submitted_on`.',
    message: (p) => `the proposal is \`${p.status}\` but has no \`submitted_on\` date`,
    hint: () => 'add the date when the source gives it; a guessed date is worse than none',
    example: '---\ntitle: Decriminalisation\nstatus: submitted\nsubmitted_by: [dpnsee]\n---',
    fix: 'Add `submitted_on` when the date is known; otherwise leave the warning.',
  },
  'rule/decided-on-missing': {
    severity: 'warning',
    title: 'A decided proposal has no `decided_on`.',
    message: (p) => `the proposal is \`${p.status}\` but has no \`decided_on\` date`,
    hint: () => 'add the date when the source gives it',
    example: '---\ntitle: Decriminalisation\nstatus: adopted\nsubmitted_by: [dpnsee]\nsubmitted_on: 2019-02-14\n---',
    fix: 'Add `decided_on` when the date is known; otherwise leave the warning.',
  },
} satisfies Record<string, CodeInfo>;

export type Code = keyof typeof CODES;

/** Build a diagnostic from the catalog. */
export function diagnostic(code: Code, file: string, at: Span, params: Params = {}): Diagnostic {
  const info: CodeInfo = CODES[code];
  const d: Diagnostic = {
    file,
    line: at.line,
    column: at.column,
    severity: info.severity,
    code,
    message: info.message(params),
  };
  if (at.endLine !== undefined) {
    d.endLine = at.endLine;
    d.endColumn = at.endColumn;
  }
  const hint = info.hint?.(params);
  if (hint) d.hint = hint;
  return d;
}
