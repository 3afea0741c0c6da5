/// <reference lib="dom" />
/**
 * The public site of the bundled records (`dossier export site`), in a real browser: served on 127.0.0.1 by a
 * small static server and driven in Debian's Chromium (/usr/bin/chromium) with playwright-core. Every internal
 * link of every page resolves (no 404), no page logs a console error, the Office's page shows what refers to it,
 * no page scrolls sideways at 375 px or 1280 px, axe-core finds no serious or critical accessibility problem, and
 * the site works from file:// and in print. Screenshots go to test-results/ (gitignored) as artefacts.
 *
 * Run with `npm run test:browser`. Without /usr/bin/chromium (`apt-get install chromium`) the tests are skipped,
 * loudly.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/cli.js';
import { run } from '../helpers/e2e.js';
import { git, writeTree } from '../helpers/store.js';
import { bundledRecords } from '../e2e/write-helpers.js';

const CHROMIUM = '/usr/bin/chromium';
const HAVE_CHROMIUM = existsSync(CHROMIUM);
if (!HAVE_CHROMIUM) {
  const line = '!'.repeat(100);
  console.warn(`\n${line}\n!!! BROWSER TESTS SKIPPED: ${CHROMIUM} is missing. Install it with: sudo apt-get install -y chromium\n${line}\n`);
}

const ARGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const ARTEFACTS = path.join(REPO_ROOT, 'test-results');
const AXE = path.join(REPO_ROOT, 'node_modules/axe-core/axe.min.js');
const OFFICE = 'organisations/office-for-combating-drugs.html';

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8', '.xml': 'application/xml; charset=utf-8' };

/** A static file server for `dir` on 127.0.0.1 and a random port; every request that found nothing is recorded. */
function serve(dir: string, missing: string[]): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const rel = decodeURIComponent(url.pathname).replace(/^\/+/, '');
    const file = path.resolve(dir, rel);
    const ok = (file === dir || file.startsWith(dir + path.sep)) && existsSync(file) && statSync(file).isFile();
    if (!ok) {
      missing.push(url.pathname);
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })));
}

function htmlFiles(dir: string, rel = ''): string[] {
  return readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((e) => {
    const p = rel ? `${rel}/${e.name}` : e.name;
    return e.isDirectory() ? htmlFiles(dir, p) : e.name.endsWith('.html') ? [p] : [];
  });
}

/** Console errors, uncaught errors, failed requests and HTTP errors of a page. */
function watch(page: Page, problems: string[]): void {
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`${page.url()}: console error: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`${page.url()}: page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`${page.url()}: request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`${page.url()}: HTTP ${r.status()} for ${r.url()}`);
  });
}

describe.skipIf(!HAVE_CHROMIUM)('the public site in Chromium', () => {
  let scratch: string;
  let site: string;
  let server: Server;
  let origin: string;
  let context: BrowserContext;
  const missing: string[] = [];

  beforeAll(async () => {
    scratch = mkdtempSync(path.join(tmpdir(), 'dossier-site-browser-'));
    const store = path.join(scratch, 'store');
    mkdirSync(store);
    writeTree(store, bundledRecords());
    git(store, 'init', '-q', '-b', 'main');
    git(store, 'config', 'commit.gpgsign', 'false');
    git(store, 'add', '-A');
    git(store, 'commit', '-q', '-m', 'initial records');
    const r = run(['export', 'site', '--out', '../public', '--title', 'Drug Policy Network South East Europe'], { cwd: store });
    expect(r.code, r.stderr).toBe(0);
    site = path.join(scratch, 'public');
    ({ server, origin } = await serve(site, missing));
    context = await chromium.launchPersistentContext(path.join(scratch, 'profile'), { executablePath: CHROMIUM, headless: true, args: ARGS });
    mkdirSync(ARTEFACTS, { recursive: true });
  });

  afterAll(async () => {
    await context?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('every internal link of every page resolves, fragments included; every page is reachable; no console error', async () => {
    const problems: string[] = [];
    const page = await context.newPage();
    watch(page, problems);
    const queue = ['/index.html'];
    const seen = new Set(queue);
    const ids = new Map<string, Set<string>>();
    const fragments: { from: string; to: string; id: string }[] = [];
    const others = new Set<string>();
    while (queue.length) {
      const at = queue.shift()!;
      const response = await page.goto(origin + at);
      expect(response?.status(), at).toBe(200);
      ids.set(at, new Set(await page.$$eval('[id]', (els) => els.map((e) => e.id))));
      const hrefs = await page.$$eval('a[href], link[href]', (els) => els.map((e) => (e as HTMLAnchorElement | HTMLLinkElement).href));
      for (const href of hrefs) {
        const url = new URL(href);
        if (url.origin !== origin) continue;
        if (url.hash) fragments.push({ from: at, to: url.pathname, id: decodeURIComponent(url.hash.slice(1)) });
        if (!url.pathname.endsWith('.html')) others.add(url.pathname);
        else if (!seen.has(url.pathname)) {
          seen.add(url.pathname);
          queue.push(url.pathname);
        }
      }
    }
    for (const other of others) {
      const r = await page.request.get(origin + other);
      expect(r.status(), other).toBe(200);
    }
    expect(others).toEqual(new Set(['/site.css', '/feed.xml']));
    for (const f of fragments) expect(ids.get(f.to)?.has(f.id), `${f.from} links to ${f.to}#${f.id}`).toBe(true);
    expect([...seen].sort()).toEqual(htmlFiles(site).map((p) => `/${p}`).sort());
    expect(seen.size).toBeGreaterThanOrEqual(20);
    expect(missing).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("the Office's page shows the consultation it hosted, the memorandum, the proposal sent to it; the links work", async () => {
    const page = await context.newPage();
    await page.goto(`${origin}/${OFFICE}`);
    await expect(page.locator('h1').textContent()).resolves.toBe('Office for Combating Drugs');
    const related = page.locator('section:has(> h2#related)');
    const groups = await related.locator('h3').allTextContents();
    expect(groups).toEqual(expect.arrayContaining(['Meetings it hosted', 'Proposals sent to it', 'Agreements it signed']));
    const links = await related.locator('a').allTextContents();
    expect(links).toEqual(expect.arrayContaining([
      'Consultation with civil society organisations',
      'Memorandum of Understanding between the Office for Combating Drugs and civil society organisations',
      'Proposal for decriminalisation of drug use and possession for personal use',
    ]));
    await related.getByRole('link', { name: 'Proposal for decriminalisation of drug use and possession for personal use' }).click();
    await page.waitForURL(/\/proposals\/proposal-for-decriminalisation-of-drug-use-and-possession-for-personal-use\.html$/);
    expect(await page.locator('h1').textContent()).toBe('Proposal for decriminalisation of drug use and possession for personal use');
    await page.screenshot({ path: path.join(ARTEFACTS, 'site-proposal.png'), fullPage: true });
    await page.goto(`${origin}/${OFFICE}`);
    await page.screenshot({ path: path.join(ARTEFACTS, 'site-office.png'), fullPage: true });
    await page.close();
  });

  it('no page scrolls sideways at 375 px or 1280 px', async () => {
    const page = await context.newPage();
    const wide: string[] = [];
    for (const width of [375, 1280]) {
      await page.setViewportSize({ width, height: 800 });
      for (const p of htmlFiles(site)) {
        await page.goto(`${origin}/${p}`);
        const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
        if (scroll > client) wide.push(`${p} at ${width} px: ${scroll} > ${client}`);
      }
    }
    expect(wide).toEqual([]);
    await page.goto(`${origin}/index.html`);
    await page.screenshot({ path: path.join(ARTEFACTS, 'site-home.png'), fullPage: true });
    await page.setViewportSize({ width: 375, height: 800 });
    await page.screenshot({ path: path.join(ARTEFACTS, 'site-home-375.png'), fullPage: true });
    await page.goto(`${origin}/meetings/2019-02-25-consultation-with-civil-society-organisations.html`);
    await page.screenshot({ path: path.join(ARTEFACTS, 'site-meeting-375.png'), fullPage: true });
    await page.close();
  });

  it('axe-core finds no serious or critical accessibility violation on any page', async () => {
    const axe = readFileSync(AXE, 'utf8');
    const page = await context.newPage();
    const serious: string[] = [];
    const minor: string[] = [];
    for (const p of htmlFiles(site)) {
      await page.goto(`${origin}/${p}`);
      // Evaluated through the DevTools protocol, so the pages' Content-Security-Policy (no scripts) stays on.
      await page.evaluate(axe);
      const violations = await page.evaluate(async () => {
        const result = await (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe.run(document, { resultTypes: ['violations'] });
        return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')).slice(0, 3) }));
      });
      for (const v of violations) (v.impact === 'serious' || v.impact === 'critical' ? serious : minor).push(`${p}: ${v.impact} ${v.id} (${v.help}) at ${v.targets.join(', ')}`);
    }
    if (minor.length) console.warn(`axe-core, moderate or minor:\n${minor.join('\n')}`);
    expect(serious).toEqual([]);
    await page.close();
  });

  it('works from file:// (relative links, the stylesheet loads) and prints without the navigation', async () => {
    const problems: string[] = [];
    const page = await context.newPage();
    watch(page, problems);
    await page.goto(pathToFileURL(path.join(site, 'index.html')).href);
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('.site-header')!).backgroundColor)).toBe('rgb(15, 46, 76)');
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Organisations' }).click();
    await page.waitForURL(/organisations\.html$/);
    await page.getByRole('link', { name: 'Office for Combating Drugs', exact: true }).click();
    await page.waitForURL(/office-for-combating-drugs\.html$/);
    expect(await page.locator('h1').textContent()).toBe('Office for Combating Drugs');
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.site-nav').isVisible()).toBe(false);
    expect(await page.locator('main h1').isVisible()).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  });
});
