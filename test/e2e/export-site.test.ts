/**
 * `dossier export site` end to end, with the built CLI on temp stores: golden pages of the bundled records;
 * every page structurally valid HTML5 with every internal link resolving; nothing private in any file, file name
 * or link of the site of the export fixture store; byte-identical re-runs; the folder replaced whole (stale pages
 * gone, nothing left beside it); and the refusals. After a deliberate change of the pages, rewrite the golden
 * files with `UPDATE_GOLDEN=1 npx vitest run test/e2e/export-site.test.ts` and review the diff.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/cli.js';
import { run } from '../helpers/e2e.js';
import { checkHtml, checkXml, elementsOf } from '../helpers/html-check.js';
import { gitStore, tempStore } from '../helpers/store.js';
import { EXPORT_FIXTURE, HOSTILE_TITLE, PRIVATE_VALUES } from './export-fixture.js';
import { bundledRecords } from './write-helpers.js';

const GOLDEN = path.join(REPO_ROOT, 'test/golden/site');
const TITLE = 'Drug Policy Network South East Europe';
const BASE = 'https://dpnsee.example.org/records';
const OFFICE = 'organisations/office-for-combating-drugs.html';
const MEETING = 'meetings/2019-02-25-consultation-with-civil-society-organisations.html';
const PROPOSAL = 'proposals/proposal-for-decriminalisation-of-drug-use-and-possession-for-personal-use.html';

/** Every file under `dir`, by path relative to it with `/`. */
function readTree(dir: string, rel = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const p = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) for (const [k, v] of readTree(dir, p)) out.set(k, v);
    else out.set(p, readFileSync(path.join(dir, p), 'utf8'));
  }
  return out;
}

/** Structural problems of every page and XML file, and every internal link or fragment that does not resolve. */
function siteProblems(files: Map<string, string>): string[] {
  const problems: string[] = [];
  const ids = new Map<string, Set<string>>();
  for (const [p, content] of files) if (p.endsWith('.html')) ids.set(p, new Set(elementsOf(content).map((e) => e.attrs.id).filter((x): x is string => !!x)));
  for (const [p, content] of files) {
    if (p.endsWith('.xml')) problems.push(...checkXml(content).map((x) => `${p}: ${x}`));
    if (!p.endsWith('.html')) continue;
    problems.push(...checkHtml(content).map((x) => `${p}: ${x}`));
    for (const e of elementsOf(content)) {
      const href = e.name === 'a' || e.name === 'link' ? e.attrs.href : undefined;
      if (href === undefined || /^(https?:|mailto:|data:)/.test(href)) continue;
      const [target, fragment] = href.split('#') as [string, string | undefined];
      const resolved = target === '' ? p : path.posix.normalize(path.posix.join(path.posix.dirname(p), target));
      if (resolved.startsWith('..') || !files.has(resolved)) problems.push(`${p}: a link to ${href}, which is not in the site`);
      else if (fragment !== undefined && !ids.get(resolved)?.has(fragment)) problems.push(`${p}: a link to ${href}, which has no #${fragment}`);
    }
  }
  return problems;
}

function golden(name: string, actual: string): void {
  const file = path.join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, actual);
  }
  expect(actual, name).toBe(readFileSync(file, 'utf8'));
}

describe('export site: the bundled records', () => {
  it('golden pages: home, directory, the Office, the consultation, the tracker, the memorandum, the feed, the sitemap', () => {
    const root = gitStore(bundledRecords());
    const r = run(['export', 'site', '--title', TITLE, '--base-url', BASE], { cwd: root });
    expect(r).toMatchObject({ code: 0, stdout: '' });
    expect(r.stderr).toBe('wrote public/: 26 pages, site.css, feed.xml, sitemap.xml\n');
    const files = readTree(path.join(root, 'public'));
    for (const name of ['index.html', 'organisations.html', OFFICE, 'meetings.html', MEETING, 'proposals.html', 'agreements/memorandum-of-understanding-2018.html', 'feed.xml', 'sitemap.xml']) {
      golden(name, files.get(name)!);
    }
    expect([...files.keys()].filter((f) => !f.endsWith('.html')).sort()).toEqual(['.dossier-site', 'feed.xml', 'site.css', 'sitemap.xml']);
    expect(files.get('site.css')!.length).toBeLessThan(12_000);
  });

  it('every page is valid HTML5 (structurally), accessible in its markup, and every internal link resolves', () => {
    const root = gitStore(bundledRecords());
    expect(run(['export', 'site', '--out', 'site'], { cwd: root }).code).toBe(0);
    const files = readTree(path.join(root, 'site'));
    expect(siteProblems(files)).toEqual([]);
    // One page per public record (the 20 bundled ones are all public), plus home and five sections.
    expect([...files.keys()].filter((f) => f.endsWith('.html'))).toHaveLength(26);
    for (const [p, content] of files) {
      if (!p.endsWith('.html')) continue;
      expect(content, p).toContain('<html lang="en">');
      expect(content, p).toMatch(/<link rel="stylesheet" href="(\.\.\/)?site\.css">/);
      expect(content, p).not.toContain('rel="canonical"'); // only with --base-url
      expect(content, p).not.toMatch(/href="https?:\/\/[^"]*\.html"/); // pages link to each other relatively
    }
    expect(existsSync(path.join(root, 'site/sitemap.xml'))).toBe(false);
  });

  it("the Office's page lists the consultation it hosted, the proposal sent to it, the memorandum, its acting director and its actions", () => {
    const root = gitStore(bundledRecords());
    run(['export', 'site'], { cwd: root });
    const office = readFileSync(path.join(root, 'public', OFFICE), 'utf8');
    const related = office.slice(office.indexOf('<h2 id="related">'));
    expect(related).toContain('<h3>Meetings it hosted</h3>\n<ul>\n<li><a href="../meetings/2019-02-25-consultation-with-civil-society-organisations.html">Consultation with civil society organisations</a>');
    expect(related).toContain('<h3>Proposals sent to it</h3>\n<ul>\n<li><a href="../proposals/proposal-for-decriminalisation-of-drug-use-and-possession-for-personal-use.html">');
    expect(related).toContain('<h3>Agreements it signed</h3>\n<ul>\n<li><a href="../agreements/memorandum-of-understanding-2018.html">Memorandum of Understanding between the Office for Combating Drugs and civil society organisations</a>');
    expect(related).toContain('<h3>People</h3>\n<ul>\n<li><a href="../people/milan-pekic.html">Milan Pekić</a></li>');
    expect(related).toContain('<h3>Follow-up actions it owns</h3>');
    // The proposal's page: its facts in words, the meeting that discussed it, and no invented date.
    const proposal = readFileSync(path.join(root, 'public', PROPOSAL), 'utf8');
    expect(proposal).toContain('<div><dt>Submitted on</dt><dd><span class="note">not known: the sources do not say</span></dd></div>');
    expect(proposal).toContain('<div><dt>Languages</dt><dd>Serbian</dd></div>');
    expect(proposal).toContain('<a href="../meetings/2019-02-25-consultation-with-civil-society-organisations.html">Consultation with civil society organisations</a>');
  });

  it('the same records give the same bytes, wherever the site is written; a clean folder swap leaves nothing beside it', () => {
    const root = gitStore(bundledRecords());
    expect(run(['export', 'site', '--base-url', BASE], { cwd: root }).code).toBe(0);
    const first = readTree(path.join(root, 'public'));
    expect(run(['export', 'site', '--base-url', BASE], { cwd: root }).code).toBe(0);
    expect(readTree(path.join(root, 'public'))).toEqual(first);
    mkdirSync(path.join(root, 'elsewhere'));
    expect(run(['export', 'site', '--base-url', BASE, '--out', 'elsewhere/www'], { cwd: root }).code).toBe(0);
    expect(readTree(path.join(root, 'elsewhere/www'))).toEqual(first);
    expect(readdirSync(root).sort()).toEqual(['.dossier', '.git', 'elsewhere', 'public', 'records']);
    expect(readdirSync(path.join(root, 'elsewhere'))).toEqual(['www']);
  });

  it('a store outside git is dated by its newest record; still byte-identical', () => {
    const root = tempStore(bundledRecords());
    expect(run(['export', 'site'], { cwd: root }).code).toBe(0);
    const first = readTree(path.join(root, 'public'));
    expect(first.get('index.html')).toContain('Records last updated <time datetime="2019-02-25">25 February 2019</time>.');
    expect(first.get('feed.xml')).toContain('<updated>2019-02-25T00:00:00Z</updated>');
    expect(run(['export', 'site'], { cwd: root }).code).toBe(0);
    expect(readTree(path.join(root, 'public'))).toEqual(first);
  });

  it('replaces the folder whole: the page of a removed record disappears, and so do the links to it', () => {
    const extra = '---\nname: Extra Collective\nkind: civil-society\ncountry: RS\n---\nA short-lived partner.\n';
    const root = gitStore({ ...bundledRecords(), 'records/organisations/extra-collective.md': extra });
    expect(run(['export', 'site'], { cwd: root }).code).toBe(0);
    expect(existsSync(path.join(root, 'public/organisations/extra-collective.html'))).toBe(true);
    writeFileSync(path.join(root, 'public/organisations/left-by-hand.html'), 'stale');
    rmSync(path.join(root, 'records/organisations/extra-collective.md'));
    expect(run(['export', 'site'], { cwd: root }).code).toBe(0);
    const files = readTree(path.join(root, 'public'));
    expect(files.has('organisations/extra-collective.html')).toBe(false);
    expect(files.has('organisations/left-by-hand.html')).toBe(false);
    for (const [p, content] of files) expect(content, p).not.toContain('extra-collective');
    expect(readdirSync(root).filter((n) => n.includes('dossier-'))).toEqual([]);
  });

  it('removes what a crashed run left beside the folder', () => {
    const root = gitStore(bundledRecords());
    // A pid that cannot be running (above the kernel's maximum).
    mkdirSync(path.join(root, '.public.dossier-new-99999999-abc'));
    mkdirSync(path.join(root, '.public.dossier-old-99999999-abd'));
    expect(run(['export', 'site'], { cwd: root }).code).toBe(0);
    expect(readdirSync(root).filter((n) => n.startsWith('.public'))).toEqual([]);
  });
});

describe('export site: privacy', () => {
  it('no private value from the fixture store in any file, file name or link; public people keep their contacts', () => {
    const root = gitStore(EXPORT_FIXTURE);
    const r = run(['export', 'site', '--base-url', BASE], { cwd: root });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('dossier: 1 invalid record was skipped');
    expect(r.stderr).toContain('note: 6 private records are not on the site\n');
    const files = readTree(path.join(root, 'public'));
    for (const [p, content] of files) {
      for (const secret of PRIVATE_VALUES) {
        expect(p.toLowerCase(), `file name ${p}`).not.toContain(secret.toLowerCase());
        expect(content, `${secret} in ${p}`).not.toContain(secret);
        expect(content, `${secret} in ${p}`).not.toContain(secret.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;'));
      }
      expect(content, p).not.toContain('broken');
    }
    expect(siteProblems(files)).toEqual([]);
    const pages = [...files.keys()].filter((f) => f.endsWith('.html')).sort();
    expect(pages.filter((f) => f.startsWith('people'))).toEqual(['people.html', 'people/milan-pekic.html']);
    const milan = files.get('people/milan-pekic.html')!;
    expect(milan).toContain('<a href="mailto:milan@drugs.example.org">milan@drugs.example.org</a>');
    expect(milan).toContain('+381 11 000 1111');
  });

  it('hostile values are escaped everywhere: no script, no javascript: link, no broken markup', () => {
    const root = gitStore(EXPORT_FIXTURE);
    expect(run(['export', 'site'], { cwd: root }).code).toBe(0);
    const files = readTree(path.join(root, 'public'));
    const meeting = files.get('meetings/2019-03-10-hostile.html')!;
    expect(meeting).toContain('<h1>=HYPERLINK(&quot;http://x&quot;) &lt;script&gt;alert(1)&lt;/script&gt; | pipes | second line</h1>');
    expect(meeting).toContain('&lt;script&gt;alert(&quot;meeting body&quot;)&lt;/script&gt;');
    expect(meeting).toContain('<li>[a link](javascript:alert(1))</li>');
    expect(meeting).toContain('<li>javascript:alert(1)</li>');
    expect(meeting).toContain('<a href="https://example.org/source?a=1&amp;b=2">https://example.org/source?a=1&amp;b=2</a>');
    for (const [p, content] of files) {
      expect(content, p).not.toMatch(/<script/i);
      expect(content, p).not.toMatch(/href="\s*javascript:/i);
    }
    expect(files.get('feed.xml')).toContain(`<title type="text">${HOSTILE_TITLE.replace('\n', ' ').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')}</title>`);
    expect(siteProblems(files)).toEqual([]);
  });
});

describe('export site: flags and refusals', () => {
  it('canonical links, sitemap and feed ids only with --base-url', () => {
    const root = gitStore(bundledRecords());
    expect(run(['export', 'site', '--base-url', `${BASE}/`], { cwd: root }).code).toBe(0);
    const files = readTree(path.join(root, 'public'));
    expect(files.get(OFFICE)).toContain(`<link rel="canonical" href="${BASE}/${OFFICE}">`);
    expect(files.get('index.html')).toContain(`<link rel="canonical" href="${BASE}/">`);
    expect(files.get('organisations.html')).toContain(`<link rel="canonical" href="${BASE}/organisations.html">`);
    expect(files.get('sitemap.xml')).toContain(`<url><loc>${BASE}/${OFFICE}</loc></url>`);
    expect(files.get('feed.xml')).toContain(`<id>${BASE}/${MEETING}</id>`);
  });

  it.each([
    [['--include-private'], 2, 'dossier: the site is always public: `export site` does not take --include-private\n'],
    [['--base-url', 'ftp://example.org/'], 2, 'dossier: --base-url takes the site\'s address as an absolute http(s) URL, not "ftp://example.org/"\n'],
    [['--base-url', 'records'], 2, 'dossier: --base-url takes the site\'s address as an absolute http(s) URL, not "records"\n'],
    [['--title', '  '], 2, 'dossier: --title needs some text\n'],
    [['--out', 'records/site'], 2, 'dossier: --out records/site is inside the records folder\n'],
    [['--out', '.'], 2, 'dossier: --out . holds the store itself, and the site replaces its folder whole\n'],
    [['--out', 'notes'], 1, 'dossier: --out notes is a folder that `dossier export site` did not write, so it was left alone\n'],
    [['--out', 'notes/todo.txt'], 1, 'dossier: --out notes/todo.txt exists and is not a folder\n'],
  ])('%j exits %i and writes nothing', (args, code, firstLine) => {
    const root = gitStore({ ...bundledRecords(), 'notes/todo.txt': 'keep me\n' });
    const r = run(['export', 'site', ...args], { cwd: root });
    expect(r.code).toBe(code);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')[0] + '\n').toBe(firstLine);
    expect(r.stderr).toMatch(/\nhint: /);
    expect(readFileSync(path.join(root, 'notes/todo.txt'), 'utf8')).toBe('keep me\n');
    expect(readdirSync(root).filter((n) => n !== '.dossier').sort()).toEqual(['.git', 'notes', 'records']); // .dossier: the cache
  });

  it('an empty folder is fine to write into; help lists the flags with examples', () => {
    const root = gitStore(bundledRecords());
    mkdirSync(path.join(root, 'www'));
    expect(run(['export', 'site', '--out', 'www'], { cwd: root }).code).toBe(0);
    expect(existsSync(path.join(root, 'www/index.html'))).toBe(true);
    const help = run(['export', 'site', '--help']);
    expect(help.code).toBe(0);
    for (const flag of ['--out <dir>', '--base-url <url>', '--title <text>', 'Examples:', '$ dossier export site']) expect(help.stdout).toContain(flag);
    expect(help.stdout).not.toContain('--include-private');
    expect(run(['export', '--help']).stdout).toMatch(/^ {2}site\b/m);
  });
});
