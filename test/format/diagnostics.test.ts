/** The three diagnostics formatters: GitHub workflow commands, JSON, and pretty text for people. */
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/core/diagnostic.js';
import { compareDiagnostics, countDiagnostics, sortDiagnostics } from '../../src/core/diagnostic.js';
import { formatDiagnosticsGithub } from '../../src/format/diagnostics-github.js';
import { formatDiagnosticsJson } from '../../src/format/diagnostics-json.js';
import { formatDiagnosticsPretty, formatSummary } from '../../src/format/diagnostics-pretty.js';
import { loadStyle, plainStyle } from '../../src/format/style.js';

const d = (over: Partial<Diagnostic> = {}): Diagnostic => ({
  file: 'records/meetings/m.md',
  line: 4,
  column: 1,
  severity: 'error',
  code: 'schema/unknown-field',
  message: '`participant` is not a field of a meeting',
  ...over,
});

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[/;

describe('github', () => {
  it('writes one workflow command per diagnostic, hint in parentheses', () => {
    const out = formatDiagnosticsGithub([
      d({ endLine: 4, endColumn: 12, hint: 'did you mean `participants`?' }),
      d({ severity: 'warning', code: 'rule/declared-parties', line: 17, column: 19, message: 'the source declares 12 parties, 11 are listed' }),
    ]);
    expect(out).toBe(
      '::error file=records/meetings/m.md,line=4,col=1,endLine=4,endColumn=12,title=schema/unknown-field::`participant` is not a field of a meeting (did you mean `participants`?)\n' +
        '::warning file=records/meetings/m.md,line=17,col=19,title=rule/declared-parties::the source declares 12 parties, 11 are listed\n',
    );
  });

  it('escapes % , \\r and \\n in the message', () => {
    const out = formatDiagnosticsGithub([d({ message: '100% done\nnext line\rreturn' })]);
    expect(out.split('\n')).toHaveLength(2); // one line plus the final newline
    expect(out).toContain('100%25 done%0Anext line');
    expect(out).not.toContain('\r');
    expect(out).not.toMatch(/100% /);
  });

  it('escapes : and , (and %) in properties', () => {
    const out = formatDiagnosticsGithub([d({ file: 'records/notes: a,b%c/x.md', code: 'store/unexpected-entry' })]);
    expect(out).toMatch(/^::error file=records\/notes%3A a%2Cb%25c\/x\.md,line=4,col=1,title=store\/unexpected-entry::/);
  });

  it('never lets control characters through to the log', () => {
    const out = formatDiagnosticsGithub([d({ message: 'a\u001b[31mred\u0007', hint: 'tab\there' })]);
    expect(out).not.toMatch(ANSI);
    // eslint-disable-next-line no-control-regex
    expect(out.slice(0, -1)).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
  });

  it('writes nothing for no diagnostics', () => {
    expect(formatDiagnosticsGithub([])).toBe('');
  });
});

describe('json', () => {
  it('has the documented shape and ends with a newline', () => {
    const text = formatDiagnosticsJson(
      [d({ endLine: 4, endColumn: 12, hint: 'did you mean `participants`?' }), d({ severity: 'warning', code: 'rule/held-in-future', line: 3, column: 7, message: 'm' })],
      '/tmp/store',
      { records: 12, errors: 1, warnings: 1 },
    );
    expect(text.endsWith('}\n')).toBe(true);
    const doc = JSON.parse(text);
    expect(Object.keys(doc)).toEqual(['ok', 'root', 'records', 'errors', 'warnings', 'diagnostics']);
    expect(doc).toMatchObject({ ok: false, root: '/tmp/store', records: 12, errors: 1, warnings: 1 });
    expect(doc.diagnostics).toEqual([
      {
        file: 'records/meetings/m.md',
        line: 4,
        column: 1,
        endLine: 4,
        endColumn: 12,
        severity: 'error',
        code: 'schema/unknown-field',
        message: '`participant` is not a field of a meeting',
        hint: 'did you mean `participants`?',
      },
      { file: 'records/meetings/m.md', line: 3, column: 7, severity: 'warning', code: 'rule/held-in-future', message: 'm' },
    ]);
  });

  it('ok is true when there are only warnings', () => {
    const doc = JSON.parse(formatDiagnosticsJson([d({ severity: 'warning' })], '/r', { records: 1, errors: 0, warnings: 1 }));
    expect(doc.ok).toBe(true);
  });
});

describe('pretty', () => {
  const sources = new Map<string, string[]>([
    ['records/meetings/m.md', ['---', 'title: Consultation', 'date: 2019-02-25', 'participant: [a]', '---']],
    ['records/people/tabs.md', ['---', 'name: P', 'role:\t"x\u001b[2J"', '---']],
  ]);

  it('prints location, severity, message, code, a two-line excerpt with a caret, the hint and a summary', () => {
    const out = formatDiagnosticsPretty(
      [d({ endLine: 4, endColumn: 12, hint: 'did you mean `participants`?' })],
      sources,
      { records: 12, errors: 1, warnings: 0 },
      plainStyle,
    );
    expect(out).toBe(
      [
        'records/meetings/m.md:4:1  error  `participant` is not a field of a meeting  schema/unknown-field',
        '  4 | participant: [a]',
        '    | ^^^^^^^^^^^',
        '  hint: did you mean `participants`?',
        '',
        '12 records, 1 error, 0 warnings',
        '',
      ].join('\n'),
    );
    expect(out).not.toMatch(ANSI);
  });

  it('puts the caret under the column; a point diagnostic gets one caret', () => {
    const out = formatDiagnosticsPretty([d({ line: 3, column: 7, severity: 'warning', code: 'rule/held-in-future', message: 'future' })], sources, { records: 1, errors: 0, warnings: 1 }, plainStyle);
    const lines = out.split('\n');
    expect(lines[0]).toBe('records/meetings/m.md:3:7  warning  future  rule/held-in-future');
    expect(lines[1]).toBe('  3 | date: 2019-02-25');
    expect(lines[2]).toBe('    |       ^');
    expect(lines.at(-2)).toBe('1 record, 0 errors, 1 warning');
  });

  it('expands tabs and escapes control characters in the excerpt, keeping the caret aligned', () => {
    const out = formatDiagnosticsPretty([d({ file: 'records/people/tabs.md', line: 3, column: 7, endLine: 3, endColumn: 14 })], sources, { records: 1, errors: 1, warnings: 0 }, plainStyle);
    const [, src, caret] = out.split('\n');
    expect(src).toBe('  3 | role:    "x\\u001b[2J"');
    expect(out).not.toMatch(ANSI);
    expect(caret!.indexOf('^')).toBe(src!.indexOf('"'));
  });

  it('escapes control characters in messages and hints', () => {
    const out = formatDiagnosticsPretty([d({ message: 'bad \u001b[2J', hint: 'x\u0007' })], new Map(), { records: 1, errors: 1, warnings: 0 }, plainStyle);
    expect(out).not.toMatch(ANSI);
    expect(out).toContain('bad \\u001b[2J');
    expect(out).toContain('hint: x\\u0007');
  });

  it('has no excerpt when the source line is unknown (scan warnings, unreadable files)', () => {
    const out = formatDiagnosticsPretty([d({ file: 'records/notes', line: 1, column: 1, severity: 'warning', code: 'store/unexpected-entry', message: 'm' })], new Map(), { records: 0, errors: 0, warnings: 1 }, plainStyle);
    expect(out).toBe('records/notes:1:1  warning  m  store/unexpected-entry\n\n0 records, 0 errors, 1 warning\n');
  });

  it('is just the summary for a clean store', () => {
    expect(formatDiagnosticsPretty([], new Map(), { records: 20, errors: 0, warnings: 0 }, plainStyle)).toBe('20 records, 0 errors, 0 warnings\n');
  });

  it('colours only with a colour style', async () => {
    const coloured = formatDiagnosticsPretty([d()], sources, { records: 1, errors: 1, warnings: 0 }, await loadStyle(true));
    expect(coloured).toMatch(ANSI);
    expect(await loadStyle(false)).toBe(plainStyle);
  });

  it('formatSummary pluralises', () => {
    expect(formatSummary({ records: 1, errors: 1, warnings: 1 })).toBe('1 record, 1 error, 1 warning');
    expect(formatSummary({ records: 12, errors: 2, warnings: 1 })).toBe('12 records, 2 errors, 1 warning');
  });
});

describe('diagnostic helpers', () => {
  it('sorts by file, line, column, code', () => {
    const list = [d({ file: 'b', line: 1 }), d({ file: 'a', line: 9 }), d({ file: 'a', line: 2, column: 5 }), d({ file: 'a', line: 2, column: 1, code: 'z' }), d({ file: 'a', line: 2, column: 1, code: 'y' })];
    expect(sortDiagnostics(list).map((x) => `${x.file}:${x.line}:${x.column}:${x.code}`)).toEqual(['a:2:1:y', 'a:2:1:z', 'a:2:5:schema/unknown-field', 'a:9:1:schema/unknown-field', 'b:1:1:schema/unknown-field']);
    expect(compareDiagnostics(d(), d())).toBe(0);
  });

  it('counts errors and warnings', () => {
    expect(countDiagnostics([d(), d({ severity: 'warning' }), d()])).toEqual({ errors: 2, warnings: 1 });
  });
});
