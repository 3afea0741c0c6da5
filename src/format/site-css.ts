/**
 * The public site's one stylesheet (site.css): readable on a phone (one column, nothing wider than the screen),
 * on a desktop (cards in a grid) and in print (no navigation, link addresses written out). Colours meet WCAG AA
 * contrast in the light and the dark scheme. No web fonts, no images: nothing is fetched.
 */
export const SITE_CSS = `/* dossier export site */
:root {
  color-scheme: light dark;
  --paper: #ffffff;
  --ink: #1b1f24;
  --muted: #4a5360;
  --line: #d5dbe1;
  --card: #f5f7f9;
  --accent: #0a58ca;
  --band: #0f2e4c;
  --band-ink: #ffffff;
  --grey-bg: #eceff2; --grey-fg: #363d47;
  --blue-bg: #e4eeff; --blue-fg: #0b3d91;
  --amber-bg: #fff1c7; --amber-fg: #5c4400;
  --green-bg: #dff3e4; --green-fg: #14532d;
  --teal-bg: #dcf2f2; --teal-fg: #0d4747;
  --red-bg: #fde6e6; --red-fg: #8b1a1a;
}
@media (prefers-color-scheme: dark) {
  :root {
    --paper: #111418;
    --ink: #e7e9ec;
    --muted: #aeb6c0;
    --line: #343b44;
    --card: #1a1f25;
    --accent: #8cb8ff;
    --band: #0a1f33;
    --band-ink: #ffffff;
    --grey-bg: #2a3038; --grey-fg: #dfe3e8;
    --blue-bg: #16284a; --blue-fg: #c9dcff;
    --amber-bg: #3a2e05; --amber-fg: #ffe08a;
    --green-bg: #12311d; --green-fg: #b4ecc4;
    --teal-bg: #0f2f2f; --teal-fg: #aee9e9;
    --red-bg: #3d1616; --red-fg: #ffc4c4;
  }
}
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0;
  font: 1.0625rem/1.6 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", Arial, sans-serif;
  color: var(--ink);
  background: var(--paper);
  overflow-wrap: anywhere;
}
a { color: var(--accent); text-underline-offset: .15em; }
a:hover { text-decoration-thickness: .12em; }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
.wrap { max-width: 62rem; margin: 0 auto; padding: 0 1rem; }

.skip { position: absolute; left: 1rem; top: -10rem; z-index: 10; padding: .5rem 1rem; background: var(--paper); color: var(--accent); border: 2px solid var(--accent); }
.skip:focus { top: 1rem; }

.site-header { background: var(--band); color: var(--band-ink); }
.site-header .wrap { display: flex; flex-wrap: wrap; align-items: baseline; justify-content: space-between; gap: .25rem 1.5rem; padding-top: .9rem; padding-bottom: .9rem; }
.site-header a { color: var(--band-ink); }
.site-title { margin: 0; font-size: 1.2rem; font-weight: 700; }
.site-title a { text-decoration: none; }
.site-nav ul { display: flex; flex-wrap: wrap; gap: .25rem 1.1rem; margin: 0; padding: 0; list-style: none; }
.site-nav a { text-decoration: none; border-bottom: 2px solid transparent; padding-bottom: .1rem; }
.site-nav a:hover, .site-nav a[aria-current="page"] { border-bottom-color: var(--band-ink); }

main.wrap { padding-top: 1.25rem; padding-bottom: 2.5rem; }
main:focus { outline: none; }
time { white-space: nowrap; }
h1, h2, h3 { line-height: 1.25; }
h1 { font-size: clamp(1.6rem, 1.2rem + 1.6vw, 2.2rem); margin: .25rem 0 .5rem; }
h2 { font-size: 1.35rem; margin: 2.2rem 0 .75rem; padding-bottom: .3rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.08rem; margin: 1.5rem 0 .5rem; }
.cards h2, .cards h3 { font-size: 1.08rem; margin: 0 0 .35rem; padding: 0; border: 0; }
p, ul, ol, dl { margin: 0 0 1rem; }
li { margin: .2rem 0; }
.lede { font-size: 1.15rem; color: var(--muted); margin-bottom: 1.25rem; }
.meta { color: var(--muted); font-size: .95rem; }
.note { color: var(--muted); font-size: .95rem; font-style: italic; }

.crumbs ol { display: flex; flex-wrap: wrap; gap: .25rem; margin: 0 0 .5rem; padding: 0; list-style: none; font-size: .92rem; color: var(--muted); }
.crumbs li + li::before { content: "›"; margin-right: .35rem; }

.facts { margin: 0 0 1.5rem; border-bottom: 1px solid var(--line); }
.facts > div { display: grid; grid-template-columns: minmax(7rem, 11rem) 1fr; gap: .2rem 1rem; padding: .45rem 0; border-top: 1px solid var(--line); }
.facts dt { font-weight: 600; }
.facts dd { margin: 0; }
.facts dd ul { margin: 0; padding-left: 1.1rem; }
.cards .facts { border: 0; margin: .5rem 0 0; font-size: .95rem; }
.cards .facts > div { grid-template-columns: minmax(6rem, 8.5rem) 1fr; padding: .2rem 0; border-top: 0; }

.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 17rem), 1fr)); gap: 1rem; margin: 0 0 1.5rem; padding: 0; list-style: none; }
.cards.wide { grid-template-columns: repeat(auto-fill, minmax(min(100%, 27rem), 1fr)); }
.cards > li { margin: 0; padding: .9rem 1rem; background: var(--card); border: 1px solid var(--line); border-radius: .5rem; }
.cards p { margin: .15rem 0 0; }

.stats { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 9.5rem), 1fr)); gap: .75rem; margin: 0 0 1.5rem; padding: 0; list-style: none; }
.stats li { margin: 0; }
.stats a { display: block; height: 100%; padding: .8rem 1rem; background: var(--card); border: 1px solid var(--line); border-radius: .5rem; text-decoration: none; color: var(--ink); }
.stats a:hover { border-color: var(--accent); }
.stats strong { display: block; font-size: 1.8rem; line-height: 1.1; color: var(--accent); }

.timeline { margin: 0 0 1.5rem .4rem; padding: 0; list-style: none; border-left: 3px solid var(--line); }
.timeline > li { position: relative; margin: 0; padding: 0 0 1.1rem 1.25rem; }
.timeline > li::before { content: ""; position: absolute; left: -.5rem; top: .45rem; width: .7rem; height: .7rem; border-radius: 50%; background: var(--accent); border: 2px solid var(--paper); }
.timeline time { display: block; font-weight: 600; font-size: .95rem; color: var(--muted); }
.timeline h2, .timeline h3 { font-size: 1.1rem; margin: .1rem 0 .2rem; padding: 0; border: 0; }
.timeline p { margin: 0; }

.jump ul { display: flex; flex-wrap: wrap; gap: .4rem 1rem; padding: 0; list-style: none; }

.badge { display: inline-block; padding: .05rem .55rem; border-radius: 1rem; font-size: .85rem; font-weight: 600; line-height: 1.5; white-space: nowrap; background: var(--grey-bg); color: var(--grey-fg); }
.status-submitted, .status-planned, .status-open { background: var(--blue-bg); color: var(--blue-fg); }
.status-under-review { background: var(--amber-bg); color: var(--amber-fg); }
.status-adopted, .status-done { background: var(--green-bg); color: var(--green-fg); }
.status-partially-adopted { background: var(--teal-bg); color: var(--teal-fg); }
.status-rejected, .status-cancelled { background: var(--red-bg); color: var(--red-fg); }

.body { max-width: 44rem; }
.body blockquote { margin: 0 0 1rem; padding-left: 1rem; border-left: 3px solid var(--line); color: var(--muted); }
.body pre { white-space: pre-wrap; background: var(--card); padding: .75rem; border-radius: .35rem; }
.body table { width: 100%; table-layout: fixed; border-collapse: collapse; margin-bottom: 1rem; }
.body th, .body td { border: 1px solid var(--line); padding: .3rem .5rem; text-align: left; vertical-align: top; }

.site-footer { border-top: 1px solid var(--line); color: var(--muted); font-size: .92rem; }
.site-footer .wrap { padding-top: 1rem; padding-bottom: 2rem; }
.site-footer p { margin: .25rem 0; }

@media (max-width: 36rem) {
  .facts > div, .cards .facts > div { grid-template-columns: 1fr; gap: 0; }
  h2 { margin-top: 1.8rem; }
}

@media print {
  :root { --paper: #fff; --ink: #000; --muted: #333; --line: #999; --card: #fff; --accent: #000; }
  body { font-size: 11pt; }
  .skip, .site-nav, .jump, .site-footer .feed { display: none; }
  .site-header { background: none; color: #000; border-bottom: 1px solid #000; }
  .site-header a { color: #000; }
  .wrap { max-width: none; padding: 0; }
  main.wrap { padding: 1rem 0 0; }
  a { color: inherit; }
  .body a[href^="http"]::after, .facts a[href^="http"]::after { content: " <" attr(href) ">"; font-size: .85em; }
  .cards { display: block; }
  .cards > li { break-inside: avoid; border: 0; border-bottom: 1px solid #999; border-radius: 0; padding: .5rem 0; }
  .timeline > li::before { display: none; }
  .badge { border: 1px solid #000; background: none; color: #000; }
  h2, h3 { break-after: avoid; }
}
`;
