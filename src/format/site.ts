/** The whole public site as files: site path → content, in a fixed order (the same model gives the same bytes). */
import type { RecordType } from '../core/kinds.js';
import { siteSections, type SiteModel } from '../core/site-model.js';
import { FEED_PATH, HOME_PATH, SITEMAP_PATH, sectionPath, STYLESHEET_PATH } from '../core/site-paths.js';
import { SITE_CSS } from './site-css.js';
import { renderFeed, renderSitemap } from './site-feed.js';
import { renderPage, type SiteShell } from './site-layout.js';
import { agreementsMain, homeMain, meetingsMain, organisationsMain, peopleMain, proposalsMain, recordMain } from './site-pages.js';
import { SECTION_LABELS } from './site-words.js';

const SECTION_MAIN: Record<RecordType, (model: SiteModel) => string> = {
  organisation: organisationsMain,
  person: peopleMain,
  meeting: meetingsMain,
  proposal: proposalsMain,
  agreement: agreementsMain,
};

/**
 * The site's files one at a time, rendered as they are asked for: a writer that writes each before taking the
 * next holds one page in memory, not the whole site (tens of thousands of pages).
 */
export function* siteFiles(model: SiteModel): Generator<[path: string, content: string]> {
  const sections = siteSections(model);
  const shell: SiteShell = { title: model.title, sections };
  if (model.baseUrl) shell.baseUrl = model.baseUrl;
  yield [STYLESHEET_PATH, SITE_CSS];
  yield [HOME_PATH, renderPage(shell, { path: HOME_PATH, title: model.title, section: 'home', main: homeMain(model, sections) })];
  for (const type of sections) {
    const path = sectionPath(type);
    yield [path, renderPage(shell, { path, title: SECTION_LABELS[type], section: type, main: SECTION_MAIN[type](model) })];
  }
  for (const page of model.records) {
    yield [page.path, renderPage(shell, { path: page.path, title: page.title, section: page.type, main: recordMain(page) })];
  }
  yield [FEED_PATH, renderFeed(model)];
  const sitemap = renderSitemap(model);
  if (sitemap) yield [SITEMAP_PATH, sitemap];
}

/** The whole site in memory: site path → content, in a fixed order (the same model gives the same bytes). */
export function renderSite(model: SiteModel): Map<string, string> {
  return new Map(siteFiles(model));
}
