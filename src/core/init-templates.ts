/**
 * The files `dossier init` writes into a new store. They live in the source (not in a templates folder) so they
 * ship in dist/ with the rest of the tool. This repository's own .github/workflows/records.yml is RECORDS_WORKFLOW,
 * byte for byte (a test holds the two equal).
 */
import { FOLDER_OF, RECORD_TYPES } from './kinds.js';

export interface InitTemplateOptions {
  /** The store's package name (npm rules: lowercase, no spaces). */
  packageName: string;
  /** The dossier dependency: `0.1.0`, `^0.2.0`, `github:org/dossier#v0.2.0`, a git URL... */
  dossierSpec: string;
  /** The name of the dossier package (the dependency's key). */
  dossierName: string;
}

/**
 * CI for a store: validate on every push and pull request (problems as inline annotations), and on a pull
 * request write what it changes, record by record, into the job summary. The diff step comes first and never
 * fails, so reviewers get the summary even when validation fails. fetch-depth 0: the diff reads the base commit.
 * `npm ci` needs a package-lock.json; until one is committed, `npm install` resolves the dependency.
 */
export const RECORDS_WORKFLOW = `# Checks the records on every push and pull request: problems show inline on the pull request, and the
# job summary of a pull request lists what it changes, record by record (dossier diff).
name: records

on:
  push:
  pull_request:

permissions:
  contents: read

jobs:
  validate:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0 # dossier diff reads the pull request's base commit
      - uses: actions/setup-node@v4
        with:
          node-version: 20
      - name: Install dossier
        run: |
          if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi
      - name: Changes to the records
        if: github.event_name == 'pull_request'
        env:
          BASE_SHA: \${{ github.event.pull_request.base.sha }}
        run: npx dossier diff "$BASE_SHA" --format markdown >> "$GITHUB_STEP_SUMMARY"
      - name: Validate records
        run: npx dossier validate --format github
`;

/**
 * Publishing for a store: on every push to the default branch (`main`, as init makes it), build the public website
 * (`dossier export site`: private records are never in it) and deploy it to GitHub Pages with GitHub's own actions.
 * fetch-depth 0: the site's "last updated" date is the last commit that touched records/, which a shallow clone
 * cannot see. The Pages address comes from configure-pages, through an environment variable (never pasted into the
 * script), for canonical links and the sitemap.
 */
export const PAGES_WORKFLOW = `# Publishes the public website of the records (dossier export site) to GitHub Pages on every push to main.
# Turn it on once: Settings > Pages > Build and deployment > Source: GitHub Actions.
# Private records, and the email and phone of people not marked public, are never published.
name: pages

on:
  push:
    branches: [main] # the default branch; change it here if yours has another name
  workflow_dispatch:

permissions:
  contents: read
  pages: write
  id-token: write

concurrency:
  group: pages
  cancel-in-progress: false

jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0 # the site's date is the last commit that changed the records
      - uses: actions/setup-node@v4
        with:
          node-version: 20
      - name: Install dossier
        run: |
          if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi
      - id: pages
        uses: actions/configure-pages@v5
      - name: Build the site
        env:
          BASE_URL: \${{ steps.pages.outputs.base_url }}
        run: npx dossier export site --out public --base-url "$BASE_URL/" # add --title "Our network" to name the site
      - uses: actions/upload-pages-artifact@v3
        with:
          path: public

  deploy:
    needs: build
    runs-on: ubuntu-latest
    environment:
      name: github-pages
      url: \${{ steps.deployment.outputs.page_url }}
    steps:
      - id: deployment
        uses: actions/deploy-pages@v4
`;

export const PULL_REQUEST_TEMPLATE = `## What this changes

<!-- One or two sentences: which organisations, meetings, proposals or agreements, and the source of the facts. -->

## Reviewer checklist

- [ ] The job summary ("Changes to the records") shows only what this pull request means to change.
- [ ] Every new or changed fact has a source in \`sources\`: a URL, or a news item's title and date. Nothing is guessed.
- [ ] Names, dates and references (who hosted, who signed, who submitted) match the source.
- [ ] Email addresses and phone numbers are only on people who agreed to be public (\`visibility: public\`).
- [ ] The records check passes: no errors, and any new warning is explained above.
- [ ] A record that changed its id was renamed with \`dossier rename\`, so the references to it followed.
`;

export const GITATTRIBUTES = `# Line endings: text is stored with LF in the repository, whatever an editor writes, so a change made on
# Windows stays a one-line diff. dossier reads CRLF files too and keeps their line endings when it edits them.
* text=auto
*.md text
*.yml text
*.json text
`;

export const GITIGNORE = `# dossier's cache (rebuilt when needed) and the installed tool
.dossier/
node_modules/
# the public website (dossier export site); the pages workflow builds its own
public/
`;

export function storePackageJson(o: InitTemplateOptions): string {
  const pkg = {
    name: o.packageName,
    private: true,
    description: 'Advocacy records kept with dossier: organisations, people, meetings, proposals and agreements.',
    scripts: {
      validate: 'dossier validate',
      diff: 'dossier diff',
    },
    dependencies: { [o.dossierName]: o.dossierSpec },
  };
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

export const STORE_README = `# Records

The advocacy records of our network — the **organisations** we work with, the **people** there, the
**meetings** we attend, the **proposals** we send and the **agreements** we sign — one Markdown file
per record under [\`records/\`](records/), kept with the \`dossier\` command-line tool.
Every change is a git commit, every change is reviewed in a pull request, and a check validates every
record on every push.

## Getting started

\`\`\`sh
npm install            # installs dossier (once per computer)
npx dossier validate   # checks every record
\`\`\`

## Adding and changing records

\`\`\`sh
npx dossier new organisation --set name="Office for Combating Drugs" --set kind=government --set country=RS
npx dossier new meeting --set title="Follow-up consultation" --set date=2019-04-10 --set host=office-for-combating-drugs
npx dossier set office-for-combating-drugs website=https://www.example.gov.rs
npx dossier set <proposal-id> status=adopted --on 2019-06-01
npx dossier rename <old-id> <new-id>   # moves the file and rewrites every reference to it
\`\`\`

Each command checks the change against the whole store before writing it and commits it on its own.
Add \`--branch NAME\` to make the change on a new branch for a pull request. A record can also be
written by hand: \`records/<folder>/<id>.md\`, a \`---\` YAML block, then free Markdown text. Every fact
needs a source in \`sources\` (a URL, or a news item's title and date); a missing date is better than a
guessed one.

## Review

1. Make changes on a branch (\`npx dossier set ... --branch my-change\`, or \`git switch -c my-change\`).
2. Push it and open a pull request. The **records** check validates every record and marks problems on
   the lines that have them; its job summary lists what the pull request changes, record by record.
3. A reviewer goes through the checklist of the pull request template and approves it.
4. Merge.

\`npx dossier diff\` shows the same summary on your computer before you push. \`npx dossier hooks install\`
adds a check to \`git commit\` that refuses a commit that would leave a record invalid.

## History

\`npx dossier log <id>\` shows every change to one record (who, when, what), following renames; for a
proposal, the timeline of its status.

## The folders

- \`records/organisations/\`: ministries, offices and working groups, civil-society organisations, networks, donors
- \`records/people/\`: people at those organisations (private unless marked \`visibility: public\`)
- \`records/meetings/\`: meetings and consultations, with who took part, what was concluded and the follow-up actions
- \`records/proposals/\`: proposals sent to institutions, and their status
- \`records/agreements/\`: memoranda of understanding, cooperation agreements, grants, contracts

\`npx dossier --help\` lists every command; \`npx dossier <command> --help\` explains one, with examples.
`;

/** Every file init writes, by path relative to the store root, in the order it reports them. */
export function initFiles(o: InitTemplateOptions): Map<string, string> {
  const files = new Map<string, string>();
  for (const t of RECORD_TYPES) files.set(`records/${FOLDER_OF[t]}/.gitkeep`, '');
  files.set('README.md', STORE_README);
  files.set('.github/workflows/records.yml', RECORDS_WORKFLOW);
  files.set('.github/workflows/pages.yml', PAGES_WORKFLOW);
  files.set('.github/pull_request_template.md', PULL_REQUEST_TEMPLATE);
  files.set('.gitattributes', GITATTRIBUTES);
  files.set('.gitignore', GITIGNORE);
  files.set('package.json', storePackageJson(o));
  return files;
}
