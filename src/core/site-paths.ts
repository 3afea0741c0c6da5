/**
 * Where each page of the static site lives, and how pages link to each other. Paths are relative to the
 * site's folder, with `/`; a record's page is made from its type's folder and its id only, and only from an id
 * that passes the record model's id rule, so no name or other value can ever reach a file name or a link.
 * Links between pages are relative, so the site works from any folder, from a web server and from `file://`.
 */
import { isValidId } from './ids.js';
import { FOLDER_OF, type RecordType } from './kinds.js';

/** The home page. */
export const HOME_PATH = 'index.html';
export const STYLESHEET_PATH = 'site.css';
export const FEED_PATH = 'feed.xml';
export const SITEMAP_PATH = 'sitemap.xml';

/**
 * The page of a type's section (`organisations.html`), beside the folder of its records' pages: no id can make a
 * record's page collide with it (an organisation may well have the id `index`).
 */
export function sectionPath(type: RecordType): string {
  return `${FOLDER_OF[type]}.html`;
}

/** The page of one record (`organisations/dpnsee.html`); throws on an id the record model does not allow. */
export function recordPagePath(type: RecordType, id: string): string {
  // Loaded records always have valid ids (an invalid one is a validation error and never reaches an export);
  // this is the last line of defence, since the id becomes a file name and a link.
  if (!isValidId(id)) throw new Error(`not a page id: ${JSON.stringify(id)}`);
  return `${FOLDER_OF[type]}/${id}.html`;
}

/** The link from the page at `from` to `to` (both site paths; `to` may end in `#fragment`). */
export function relativeHref(from: string, to: string): string {
  // Fast path for the site's own shape (pages at most one folder deep): a link is made for every name on a page.
  const slash = from.indexOf('/');
  if (slash === -1 && !from.includes('#')) return to;
  if (slash === from.lastIndexOf('/')) {
    const dir = from.slice(0, slash + 1);
    if (to.startsWith(dir) && !to.includes('/', dir.length)) return to.slice(dir.length);
    if (!to.startsWith('../')) return `../${to}`;
  }
  const hash = to.indexOf('#');
  const target = hash === -1 ? to : to.slice(0, hash);
  const fragment = hash === -1 ? '' : to.slice(hash);
  const fromDir = from.split('/').slice(0, -1);
  const parts = target.split('/');
  let common = 0;
  while (common < fromDir.length && common < parts.length - 1 && fromDir[common] === parts[common]) common++;
  const up = '../'.repeat(fromDir.length - common);
  const rest = parts.slice(common).join('/');
  return `${up}${rest}${fragment}`;
}

/**
 * `--base-url`: an absolute http(s) URL without query or fragment, normalised to end in `/`; undefined when it
 * is not one.
 */
export function normaliseBaseUrl(raw: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (url.search || url.hash || url.username || url.password || !url.hostname) return undefined;
  if (!url.pathname.endsWith('/')) url.pathname = `${url.pathname}/`;
  return url.href;
}

/** The absolute URL of a site path under `baseUrl` (the home page is the site's folder itself). */
export function absoluteUrl(baseUrl: string, sitePath: string): string {
  return sitePath === HOME_PATH ? baseUrl : `${baseUrl}${sitePath}`;
}
