import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../src/format/doc-html.js';
import { escapeMarkdown, renderMarkdown } from '../../src/format/doc-markdown.js';
import { flatText, heading, link, list, paragraph, safeHref, type Block } from '../../src/format/doc.js';
import { neutraliseFormula } from '../../src/format/export-csv.js';
import { renderHtmlPage } from '../../src/format/html-page.js';
import { formatIcs } from '../../src/format/ics.js';
import { dateRange, joinWords, languageName, longDate, lowerFirst, Namer } from '../../src/format/prose.js';

// A renderer that lets raw HTML through: if escaping failed, the test would see the tags.
const md = new MarkdownIt({ html: true });
const decode = (html: string) => html.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

/** The text a Markdown renderer shows for one block, and the tags it made. */
function rendered(block: Block): { text: string; tags: string[] } {
  const html = md.render(renderMarkdown({ title: '', lang: 'en', blocks: [block] }));
  const tags = [...html.matchAll(/<\/?([a-z0-9]+)[^>]*>/g)].map((m) => m[1]!);
  return { text: decode(html.replace(/<[^>]+>/g, '')).trim(), tags };
}

const HOSTILE = [
  '=HYPERLINK("http://x")',
  '<script>alert(1)</script>',
  '| pipes | and | more |',
  'line one\nline two',
  '# heading',
  '- dash',
  '+ plus',
  '1. one',
  '2) two',
  '> quote',
  '*em* _em_ **strong** `code` ~~strike~~',
  '[link](javascript:alert(1)) ![img](x.png)',
  '<http://autolink.example>',
  '&amp; &copy; &#x41;',
  'back\\slash \\* star',
  '    indented code',
  '===',
  'C #',
  '---',
];

describe('Markdown escaping', () => {
  it.each(HOSTILE)('%j renders as its own text, with no markup', (value) => {
    for (const block of [paragraph(value), list([[value]]), heading(2, value)]) {
      const { text, tags } = rendered(block);
      expect(text).toBe(flatText(value).trim());
      const expected = block.kind === 'paragraph' ? ['p', 'p'] : block.kind === 'list' ? ['ul', 'li', 'li', 'ul'] : ['h2', 'h2'];
      expect(tags).toEqual(expected);
    }
  });

  it('any text renders as itself (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'ab #-+=*_`[]()<>!|~&\\.1)\n\t:/"\''.split('')), maxLength: 40 }), (value) => {
        const { text, tags } = rendered(paragraph(`x ${value}`));
        expect(text).toBe(flatText(`x ${value}`).trim());
        expect(tags).toEqual(['p', 'p']);
      }),
      { numRuns: 400 },
    );
  });

  it('escapes only what is active, so prose stays readable', () => {
    expect(escapeMarkdown("DPNSEE's proposal (2019), 15 organisations.")).toBe("DPNSEE's proposal (2019), 15 organisations.");
    expect(escapeMarkdown('a|b<c>*d*')).toBe('a\\|b\\<c\\>\\*d\\*');
  });

  it('links only to http(s) and mailto', () => {
    expect(safeHref('https://example.org/a?b=1&c=2')).toBe(true);
    expect(safeHref('mailto:a@example.org')).toBe(true);
    for (const bad of ['javascript:alert(1)', 'JAVASCRIPT:alert(1)', 'data:text/html,x', 'https://x.org/"onmouseover=', '//evil.example', 'https://a b']) expect(safeHref(bad), bad).toBe(false);
    const out = renderMarkdown({ title: '', lang: 'en', blocks: [paragraph(link('javascript:alert(1)', 'click'), ' ', link('https://example.org/x', 'ok'))] });
    expect(out).toBe('click [ok](<https://example.org/x>)\n');
  });
});

describe('HTML page', () => {
  it('escapes every value, writes no script, and links only to safe URLs', () => {
    const page = renderHtmlPage({ title: '<script>alert(1)</script>', lang: 'en', blocks: [heading(1, '<script>x</script>'), paragraph('"q" & \'a\'', link('javascript:alert(1)', 'bad'), link('https://example.org/?a=1&b=2', 'good'))] });
    expect(page).not.toMatch(/<script/i);
    expect(page).toContain('<title>&lt;script&gt;alert(1)&lt;/script&gt;</title>');
    expect(page).toContain('<p>&quot;q&quot; &amp; &#39;a&#39;bad<a href="https://example.org/?a=1&amp;b=2">good</a></p>');
    expect(page.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(page).toContain("default-src 'none'");
    expect(escapeHtml(`<>&"'`)).toBe('&lt;&gt;&amp;&quot;&#39;');
  });
});

describe('prose', () => {
  it('dates and date ranges as people write them', () => {
    expect(longDate('2019-02-25')).toBe('25 February 2019');
    expect(longDate('2018-01-01')).toBe('1 January 2018');
    expect(dateRange('2019-02-25', '2019-02-26')).toBe('25–26 February 2019');
    expect(dateRange('2019-11-30', '2019-12-02')).toBe('30 November – 2 December 2019');
    expect(dateRange('2019-12-30', '2020-01-02')).toBe('30 December 2019 – 2 January 2020');
    expect(dateRange('2019-02-25', undefined)).toBe('25 February 2019');
  });

  it('lists, first letters, languages', () => {
    expect(joinWords(['a'])).toBe('a');
    expect(joinWords(['a', 'b'])).toBe('a and b');
    expect(joinWords(['a', 'b', 'c'])).toBe('a, b and c');
    expect(lowerFirst('Present the proposals')).toBe('present the proposals');
    expect(lowerFirst('DPNSEE will write')).toBe('DPNSEE will write');
    expect(languageName('sr')).toBe('Serbian');
    expect(languageName('sr-Cyrl')).toBe('Serbian (Cyrillic)');
    expect(languageName('xx-Yyyy')).toBe('xx-Yyyy');
  });

  it('names: the acronym after the first mention, "the" for government bodies', () => {
    const namer = new Namer();
    const dpnsee = { id: 'dpnsee', type: 'organisation' as const, name: 'Drug Policy Network South East Europe', shortName: 'DPNSEE' };
    const office = { id: 'office', type: 'organisation' as const, name: 'Office for Combating Drugs' };
    expect(namer.name(dpnsee)).toBe('Drug Policy Network South East Europe (DPNSEE)');
    expect(namer.name(dpnsee)).toBe('DPNSEE');
    expect(namer.name(office, { start: true })).toBe('The Office for Combating Drugs');
    expect(namer.names([office, dpnsee])).toBe('the Office for Combating Drugs and DPNSEE');
  });
});

describe('CSV formula neutralisation (OWASP)', () => {
  it.each([
    ['=HYPERLINK("http://x")', `'=HYPERLINK("http://x")`],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['\rx', "'\rx"],
    ['2019-02-25', '2019-02-25'],
    ['15', '15'],
    ['a=b', 'a=b'],
    ['', ''],
  ])('%j → %j', (cell, expected) => expect(neutraliseFormula(cell)).toBe(expected));
});

describe('iCalendar text', () => {
  it('folds at 75 octets without splitting characters, ends lines with CRLF, drops control characters', () => {
    const text = formatIcs(
      {
        events: [{ uid: 'm@dossier', start: '2019-02-25', end: '2019-02-26', summary: 'Zemlja živih; a, b\\c\u0007', description: `${'Timočki omladinski centar 😀 '.repeat(10)}\nline`, status: 'CONFIRMED' }],
        todos: [{ uid: 'm-action-1@dossier', due: '2019-03-01', summary: 'Š'.repeat(100), description: 'x', status: 'NEEDS-ACTION', relatedTo: 'm@dossier' }],
      },
      new Date('2019-03-01T10:00:00Z'),
      'Test',
    );
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(text).not.toContain('\ufffd');
    expect(text).not.toContain('\u0007');
    const unfolded = text.replace(/\r\n /g, '');
    expect(unfolded).toContain('SUMMARY:Zemlja živih\\; a\\, b\\\\c\r\n');
    expect(unfolded).toContain('DTSTAMP:20190301T100000Z');
    expect(unfolded).toContain(`SUMMARY:${'Š'.repeat(100)}\r\n`);
  });
});
