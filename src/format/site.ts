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

export function renderSite(model: SiteModel): Map<string, string> {
  const sections = siteSections(model);
  const shell: SiteShell = { title: model.title, sections };
  if (model.baseUrl) shell.baseUrl = model.baseUrl;
  const files = new Map<string, string>();
  files.set(STYLESHEET_PATH, SITE_CSS);
  files.set(HOME_PATH, renderPage(shell, { path: HOME_PATH, title: model.title, section: 'home', main: homeMain(model, sections) }));
  for (const type of sections) {
    const path = sectionPath(type);
    files.set(path, renderPage(shell, { path, title: SECTION_LABELS[type], section: type, main: SECTION_MAIN[type](model) }));
  }
  for (const page of model.records) {
    files.set(page.path, renderPage(shell, { path: page.path, title: page.title, section: page.type, main: recordMain(page) }));
  }
  files.set(FEED_PATH, renderFeed(model));
  const sitemap = renderSitemap(model);
  if (sitemap) files.set(SITEMAP_PATH, sitemap);
  return files;
}
