/** `new`, `set`, `edit`, `rm`, `rename` end to end: the built CLI on temp git repos, files compared byte for byte. */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dossier } from '../helpers/cli.js';
import { git, gitStore, tempStore } from '../helpers/store.js';
import { bundledRecords, dossierAsync, editorScript, read, readBytes, statOf, subjects } from './write-helpers.js';

const MEETING = 'records/meetings/2019-02-25-consultation-with-civil-society-organisations.md';
const PROPOSAL = 'records/proposals/proposal-for-decriminalisation-of-drug-use-and-possession-for-personal-use.md';
const MOU = 'records/agreements/memorandum-of-understanding-2018.md';
const OFFICE = 'office-for-combating-drugs';
const run = (root: string, args: string[], env: Record<string, string> = {}) => dossier(args, { cwd: root, env });

describe('the "Done when" walk-through on the bundled records', () => {
  it('new, set, rename and rm behave as the issue says', () => {
    const root = gitStore(bundledRecords());

    const created = run(root, ['new', 'meeting', '--set', 'title=Follow-up consultation', '--set', 'date=2019-04-10', '--set', `host=${OFFICE}`]);
    expect(created).toMatchObject({ code: 0, stderr: '' });
    expect(created.stdout).toMatch(/^created records\/meetings\/2019-04-10-follow-up-consultation\.md\ncommitted [0-9a-f]{7} meeting: add 2019-04-10-follow-up-consultation\n$/);
    const file = 'records/meetings/2019-04-10-follow-up-consultation.md';
    expect(read(root, file)).toBe(`---\ntitle: Follow-up consultation\ndate: 2019-04-10\nhost: ${OFFICE}\n---\n`);
    expect(statOf(root)).toEqual([`5 0 ${file}`]);

    const set = run(root, ['set', '2019-04-10-follow-up-consultation', 'participants+=dpnsee']);
    expect(set.code).toBe(0);
    expect(git(root, 'show', '--format=%s', '-U0', 'HEAD').split('\n').filter((l) => /^[-+][^-+]/.test(l) || /^meeting/.test(l))).toEqual([
      'meeting: set participants+=dpnsee on 2019-04-10-follow-up-consultation',
      '+participants: [dpnsee]',
    ]);
    expect(statOf(root)).toEqual([`1 0 ${file}`]);

    const renamed = run(root, ['rename', 'dpnsee', 'drug-policy-network-see']);
    expect(renamed.code).toBe(0);
    expect(subjects(root)[0]).toBe('organisation: rename dpnsee -> drug-policy-network-see (4 references updated)');
    expect(run(root, ['validate']).code).toBe(0);

    const headBefore = git(root, 'rev-parse', 'HEAD');
    const refused = run(root, ['rm', OFFICE]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(new RegExp(`^dossier: ${OFFICE} is referred to by 5 records, so it was not removed:\n`));
    expect(refused.stderr).toContain(`  ${file}  host\n`);
    expect(refused.stderr).toContain(`  ${MOU}  parties\n`);
    expect(refused.stderr).toContain(`  ${MEETING}  host, actions.owner\n`);
    expect(refused.stderr).toContain('  records/people/milan-pekic.md  organisation\n');
    expect(refused.stderr).toContain(`  ${PROPOSAL}  submitted_to\n`);
    expect(refused.stderr).toContain(`hint: change those references first, or run \`dossier rm ${OFFICE} --unlink\` to remove them in the same commit\n`);
    expect(git(root, 'rev-parse', 'HEAD')).toBe(headBefore);
    expect(existsSync(path.join(root, `records/organisations/${OFFICE}.md`))).toBe(true);
    expect(git(root, 'status', '--porcelain')).toBe('');
  });
});

describe('rename', () => {
  it('rewrites the memorandum, the meeting and the proposal one line each, in one commit; validate passes', () => {
    const root = gitStore(bundledRecords());
    const before = { mou: read(root, MOU), meeting: read(root, MEETING), proposal: read(root, PROPOSAL) };
    const r = run(root, ['rename', 'dpnsee', 'drug-policy-network-south-east-europe', '--name', 'Drug Policy Network SEE', '--keep-name']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'renamed records/organisations/dpnsee.md -> records/organisations/drug-policy-network-south-east-europe.md',
        `updated ${MOU}`,
        `updated ${MEETING}`,
        `updated ${PROPOSAL}`,
        `committed ${git(root, 'rev-parse', '--short=7', 'HEAD').trim()} organisation: rename dpnsee -> drug-policy-network-south-east-europe (3 references updated)`,
        '',
      ].join('\n'),
    );
    expect(statOf(root)).toEqual([
      `1 1 ${MOU}`,
      `1 1 ${MEETING}`,
      '4 1 records/organisations/{dpnsee.md => drug-policy-network-south-east-europe.md}',
      `1 1 ${PROPOSAL}`,
    ]);
    expect(read(root, MOU)).toBe(before.mou.replace('  - dpnsee\n', '  - drug-policy-network-south-east-europe\n'));
    expect(read(root, MEETING)).toBe(before.meeting.replace('  - dpnsee\n', '  - drug-policy-network-south-east-europe\n'));
    expect(read(root, PROPOSAL)).toBe(before.proposal.replace('  - dpnsee\n', '  - drug-policy-network-south-east-europe\n'));
    expect(read(root, 'records/organisations/drug-policy-network-south-east-europe.md').split('---\n')[1]).toBe(
      'name: Drug Policy Network SEE\nshort_name: DPNSEE\nother_names:\n  - name: Drug Policy Network South East Europe\n    lang: en\nkind: network\ncountry: RS\ntags:\n  - memorandum-2018\nsources:\n  - "DPNSEE news item: Consultations in the Office for Combating Drugs (2019)"\nvisibility: public\n',
    );
    expect(run(root, ['validate']).code).toBe(0);
    expect(git(root, 'status', '--porcelain')).toBe('');
  });

  it('refuses a taken id and an id that would leave records/', () => {
    const root = gitStore(bundledRecords());
    expect(run(root, ['rename', 'dpnsee', 'prevent'])).toMatchObject({ code: 1, stderr: 'dossier: the id prevent is taken: records/organisations/prevent.md already exists\nhint: choose another id\n' });
    const escape = run(root, ['rename', 'dpnsee', '../../x']);
    expect(escape.code).toBe(2);
    expect(escape.stderr).toMatch(/^dossier: "\.\.\/\.\.\/x" is not a valid id/);
    expect(git(root, 'status', '--porcelain', '--untracked-files=all')).toBe('');
  });
});

describe('new', () => {
  it('refuses an id that would escape records/, and a taken id naming the file', () => {
    const root = gitStore(bundledRecords());
    const escape = run(root, ['new', 'organisation', '--id', '../x', '--set', 'name=X', '--set', 'kind=other']);
    expect(escape.code).toBe(2);
    expect(escape.stderr).toMatch(/^dossier: "\.\.\/x" is not a valid id/);
    const taken = run(root, ['new', 'organisation', '--set', 'name=Prevent', '--set', 'kind=civil-society']);
    expect(taken).toMatchObject({ code: 1, stderr: 'dossier: the id prevent is taken: records/organisations/prevent.md already exists\nhint: choose another id with --id, or change that record with `dossier set`\n' });
    expect(git(root, 'status', '--porcelain', '--untracked-files=all')).toBe('');
    expect(subjects(root)).toEqual(['initial records']);
  });

  it('validates before writing: an unknown reference writes nothing', () => {
    const root = gitStore(bundledRecords());
    const r = run(root, ['new', 'meeting', '--set', 'title=T', '--set', 'date=2019-04-10', '--set', 'host=office-for-combatting-drugs']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('records/meetings/2019-04-10-t.md:4:7  error  `host` refers to `office-for-combatting-drugs`, but there is no such record  ref/missing\n  4 | host: office-for-combatting-drugs\n');
    expect(r.stderr).toContain('hint: did you mean `office-for-combating-drugs`?');
    expect(r.stderr).toMatch(/nothing was written\n$/);
    expect(existsSync(path.join(root, 'records/meetings/2019-04-10-t.md'))).toBe(false);
  });

  it('without a terminal, lists the missing required fields (exit 2)', () => {
    const root = gitStore(bundledRecords());
    const r = run(root, ['new', 'proposal', '--set', 'title=Harm reduction funding']);
    expect(r).toMatchObject({ code: 2, stderr: 'dossier: a proposal needs status, submitted_by, and there is no terminal to ask on\nhint: pass --set status=<draft|submitted|under-review|adopted|partially-adopted|rejected|withdrawn> --set submitted_by=...\n' });
  });

  it('asks for missing fields through the prompt port (answers injected with DOSSIER_PROMPT_ANSWERS)', () => {
    const root = gitStore(bundledRecords());
    const answers = path.join(root, '..', `answers-${path.basename(root)}.json`);
    writeFileSync(answers, JSON.stringify({ title: 'Harm reduction funding', status: 'draft', submitted_by: ['dpnsee', 'prevent'] }));
    const r = run(root, ['new', 'proposal', '--body', 'Asked for by the network.'], { DOSSIER_PROMPT_ANSWERS: answers });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(read(root, 'records/proposals/harm-reduction-funding.md')).toBe('---\ntitle: Harm reduction funding\nstatus: draft\nsubmitted_by:\n  - dpnsee\n  - prevent\n---\nAsked for by the network.\n');
    expect(subjects(root)[0]).toBe('proposal: add harm-reduction-funding');

    writeFileSync(answers, JSON.stringify({ name: 'Novi', kind: 'ngo' }));
    const bad = run(root, ['new', 'organisation'], { DOSSIER_PROMPT_ANSWERS: answers });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/answer "ngo" for "kind" is not one of the choices/);
  });

  it('--edit opens the editor, reopens it on errors when asked, and writes only a valid record', () => {
    const root = gitStore(bundledRecords());
    const dir = path.join(root, '..', `tools-${path.basename(root)}`);
    mkdirSync(dir, { recursive: true });
    // First round: breaks the date; second round: fixes it and adds a body.
    const state = path.join(dir, 'round');
    const editor = editorScript(dir, 'editor.sh', `if [ -e "${state}" ]; then sed -i 's/^date: .*/date: 2019-04-10/' "$1"; printf 'Minutes follow.\\n' >> "$1"; else sed -i 's/^date: .*/date: 2019-02-30/' "$1"; touch "${state}"; fi`);
    const answers = path.join(dir, 'answers.json');
    writeFileSync(answers, JSON.stringify({ reopen: [true] }));
    const r = run(root, ['new', 'meeting', '--set', 'title=Follow-up', '--set', 'date=2019-04-10', '--edit'], { EDITOR: editor, VISUAL: '', DOSSIER_PROMPT_ANSWERS: answers });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('`date` must be a date written YYYY-MM-DD, a real calendar day; found "2019-02-30"');
    expect(read(root, 'records/meetings/2019-04-10-follow-up.md')).toBe('---\ntitle: Follow-up\ndate: 2019-04-10\n---\nMinutes follow.\n');

    // Giving up writes nothing.
    const breaker = editorScript(dir, 'breaker.sh', `sed -i 's/^date: .*/date: someday/' "$1"`);
    writeFileSync(answers, JSON.stringify({ reopen: [false] }));
    const gaveUp = run(root, ['new', 'meeting', '--set', 'title=Other', '--set', 'date=2019-05-01', '--edit'], { EDITOR: breaker, VISUAL: '', DOSSIER_PROMPT_ANSWERS: answers });
    expect(gaveUp.code).toBe(1);
    expect(gaveUp.stderr).toMatch(/gave up editing; nothing was written\n$/);
    expect(existsSync(path.join(root, 'records/meetings/2019-05-01-other.md'))).toBe(false);
  });

  it('--dry-run prints the file and writes nothing; --format json describes the result', () => {
    const root = gitStore(bundledRecords());
    const dry = run(root, ['new', 'person', '--set', 'name=Ana Anić', '--set', 'organisation=prevent', '--dry-run']);
    expect(dry).toMatchObject({ code: 0, stdout: '---\nname: Ana Anić\norganisation: prevent\n---\n', stderr: 'dry run: nothing was written\n' });
    expect(git(root, 'status', '--porcelain', '--untracked-files=all')).toBe('');
    const json = run(root, ['new', 'person', '--set', 'name=Ana Anić', '--format', 'json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({
      id: 'ana-anic',
      type: 'person',
      path: 'records/people/ana-anic.md',
      committed: true,
      commit: git(root, 'rev-parse', 'HEAD').trim(),
      message: 'person: add ana-anic',
      files: ['records/people/ana-anic.md'],
    });
  });

  it('outside a git work tree writes and says nothing was committed', () => {
    const root = tempStore(bundledRecords());
    const r = run(root, ['new', 'organisation', '--set', 'name=Kancelarija za mlade', '--set', 'kind=government']);
    expect(r).toMatchObject({ code: 0, stdout: `created records/organisations/kancelarija-za-mlade.md\nnothing was committed: ${root} is not in a git work tree\n` });
    expect(read(root, 'records/organisations/kancelarija-za-mlade.md')).toBe('---\nname: Kancelarija za mlade\nkind: government\n---\n');
  });
});

describe('set', () => {
  it('changes exactly one line of a record with comments, odd quoting, a flow list, CRLF and a BOM', () => {
    const text = '\ufeff---\r\n# hand-written\r\ntitle:  "Seminar"   # quoted on purpose\r\ndate: \'2019-03-02\'\r\nparticipants: [dpnsee,  prevent]\r\nstatus: held\r\n---\r\nBody\r\n';
    const root = gitStore({ ...bundledRecords(), 'records/meetings/2019-03-02-seminar.md': text });
    for (const [args, line] of [
      [['title=Seminar on harm reduction'], 'title:  "Seminar on harm reduction"   # quoted on purpose\r\n'],
      [['participants+=kokoro'], 'participants: [dpnsee,  prevent, kokoro]\r\n'],
      [['status=planned'], 'status: planned\r\n'],
    ] as const) {
      const before = readBytes(root, 'records/meetings/2019-03-02-seminar.md').toString('utf8');
      const r = run(root, ['set', '2019-03-02-seminar', ...args]);
      expect(r.code).toBe(0);
      const after = readBytes(root, 'records/meetings/2019-03-02-seminar.md').toString('utf8');
      expect(after.startsWith('\ufeff---\r\n')).toBe(true);
      const a = before.split(/(?<=\n)/);
      const b = after.split(/(?<=\n)/);
      expect(b.length).toBe(a.length);
      expect(b.filter((l, i) => l !== a[i])).toEqual([line]);
      expect(statOf(root)).toEqual(['1 1 records/meetings/2019-03-02-seminar.md']);
    }
  });

  it('stamps a proposal\'s dates and refuses to move it backwards without --force', () => {
    const root = gitStore(bundledRecords());
    const before = read(root, PROPOSAL);
    const r = run(root, ['set', 'proposal-for-decriminalisation-of-drug-use-and-possession-for-personal-use', 'status=adopted', '--on', '2019-06-01']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('note: decided_on set to 2019-06-01\n');
    expect(read(root, PROPOSAL)).toBe(before.replace('status: submitted\n', 'status: adopted\n').replace('  - office-for-cooperation-with-civil-society\n', '  - office-for-cooperation-with-civil-society\ndecided_on: 2019-06-01\n'));
    expect(subjects(root)[0]).toBe('proposal: set status=adopted on proposal-for-decriminalisation-of-drug-use-and-possession-for-personal-use');

    const back = run(root, ['set', 'proposal-for-decriminalisation-of-drug-use-and-possession-for-personal-use', 'status=draft']);
    expect(back).toMatchObject({ code: 1, stderr: 'dossier: status adopted → draft moves the proposal backwards (it was decided on 2019-06-01)\nhint: if that is what happened, run the command again with --force\n' });
    expect(run(root, ['set', 'proposal-for-decriminalisation-of-drug-use-and-possession-for-personal-use', 'status=draft', '--force']).code).toBe(0);
  });

  it('refuses a change that makes the record invalid, and reports usage errors', () => {
    const root = gitStore(bundledRecords());
    const before = read(root, MEETING);
    const bad = run(root, ['set', '2019-02-25-consultation-with-civil-society-organisations', 'date=2019-02-30']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(`${MEETING}:3:7  error  \`date\` must be a date written YYYY-MM-DD, a real calendar day; found "2019-02-30"  schema/format`);
    expect(read(root, MEETING)).toBe(before);
    expect(run(root, ['set', '2019-02-25-consultation-with-civil-society-organisations', 'participant+=x'])).toMatchObject({ code: 2, stderr: 'dossier: `participant` is not a field of a meeting\nhint: did you mean `participants`?\n' });
    expect(run(root, ['set', 'no-such-record', 'title=x'])).toMatchObject({ code: 1 });
    expect(run(root, ['set', '2019-02-25-consultation-with-civil-society-organisations', 'participants-=ministry-of-justice']).code).toBe(1);
    expect(run(root, ['set', '2019-02-25-consultation-with-civil-society-organisations', 'status=held'])).toMatchObject({ code: 0, stdout: `nothing changed in ${MEETING}\n` });
    expect(subjects(root)).toEqual(['initial records']);
  });

  it('reaches list items with dotted paths, unsets fields, and --dry-run shows the diff', () => {
    const root = gitStore(bundledRecords());
    const dry = run(root, ['set', '2019-02-25-consultation-with-civil-society-organisations', 'actions.1.status=done', '--dry-run']);
    expect(dry.stdout).toBe(`--- a/${MEETING}\n+++ b/${MEETING}\n@@ -35,1 +35,1 @@\n-    status: open\n+    status: done\n`);
    expect(git(root, 'status', '--porcelain')).toBe('');
    const r = run(root, ['set', '2019-02-25-consultation-with-civil-society-organisations', 'actions.1.status=done', '--unset', 'participant_count', '-m', 'Record the follow-up']);
    expect(r.code).toBe(0);
    expect(subjects(root)[0]).toBe('Record the follow-up');
    expect(statOf(root)).toEqual([`1 2 ${MEETING}`]);
  });
});

describe('rm', () => {
  it('removes a record nothing refers to, and with --unlink the references too, in one commit', () => {
    const root = gitStore(bundledRecords());
    const r = run(root, ['rm', 'kokoro', '--unlink']);
    expect(r.code).toBe(0);
    expect(subjects(root)[0]).toBe('organisation: remove kokoro (2 references removed)');
    expect(statOf(root)).toEqual([`0 1 ${MOU}`, `0 1 ${MEETING}`, '0 12 records/organisations/kokoro.md']);
    expect(run(root, ['validate']).code).toBe(0);
    expect(run(root, ['rm', 'milan-pekic']).code).toBe(0);
    expect(subjects(root)[0]).toBe('person: remove milan-pekic');
  });

  it('--unlink refuses when the result would be invalid (an action needs its owner)', () => {
    const root = gitStore(bundledRecords());
    const r = run(root, ['rm', OFFICE, '--unlink']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('is missing the required field `owner`');
    expect(r.stderr).toMatch(/nothing was written\n$/);
    expect(git(root, 'status', '--porcelain')).toBe('');
  });
});

describe('edit', () => {
  it('commits a valid change, and nothing when the file did not change', () => {
    const root = gitStore(bundledRecords());
    const dir = path.join(root, '..', `tools-${path.basename(root)}`);
    mkdirSync(dir, { recursive: true });
    const editor = editorScript(dir, 'city.sh', `sed -i 's/^country: RS$/country: RS\\ncity: Belgrade/' "$1"`);
    const r = run(root, ['edit', 'dpnsee'], { EDITOR: editor, VISUAL: '' });
    expect(r.code).toBe(0);
    expect(subjects(root)[0]).toBe('organisation: edit dpnsee');
    expect(statOf(root)).toEqual(['1 0 records/organisations/dpnsee.md']);
    const noop = run(root, ['edit', 'dpnsee'], { EDITOR: 'true', VISUAL: '' });
    expect(noop).toMatchObject({ code: 0, stdout: 'no changes to records/organisations/dpnsee.md\n' });
    expect(subjects(root)).toHaveLength(2);
  });
});

describe('git safety', () => {
  it('leaves unrelated staged and unstaged work exactly as it was', () => {
    const root = gitStore(bundledRecords());
    writeFileSync(path.join(root, 'records/organisations/prevent.md'), `${read(root, 'records/organisations/prevent.md')}\nStaged note.\n`);
    git(root, 'add', 'records/organisations/prevent.md');
    writeFileSync(path.join(root, 'records/organisations/duga.md'), `${read(root, 'records/organisations/duga.md')}\nUnstaged note.\n`);
    writeFileSync(path.join(root, 'notes.txt'), 'untracked\n');
    const status = git(root, 'status', '--porcelain');
    const staged = git(root, 'diff', '--cached');
    const unstaged = git(root, 'diff');
    expect(run(root, ['set', 'dpnsee', 'city=Belgrade']).code).toBe(0);
    expect(statOf(root)).toEqual(['1 0 records/organisations/dpnsee.md']);
    expect(git(root, 'status', '--porcelain')).toBe(status);
    expect(git(root, 'diff', '--cached')).toBe(staged);
    expect(git(root, 'diff')).toBe(unstaged);
    // A file with the user's own uncommitted changes is not committed along with dossier's.
    const dirty = run(root, ['set', 'duga', 'city=Niš']);
    expect(dirty).toMatchObject({ code: 1, stderr: 'dossier: records/organisations/duga.md has uncommitted changes, and dossier commits only its own change\nhint: commit or stash those changes first, or pass --no-commit to write without committing\n' });
    expect(run(root, ['set', 'duga', 'city=Niš', '--no-commit']).stdout).toBe('updated records/organisations/duga.md\nnot committed (--no-commit)\n');
  });

  it('a rejecting hook: the file stays written, the message says how to finish, exit 1', () => {
    const root = gitStore(bundledRecords());
    writeFileSync(path.join(root, '.git/hooks/pre-commit'), '#!/bin/sh\necho "records are frozen" >&2\nexit 1\n', { mode: 0o755 });
    const r = run(root, ['set', 'dpnsee', 'city=Belgrade']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('updated records/organisations/dpnsee.md\nnot committed\n');
    expect(r.stderr).toBe(
      'dossier: the change was written but not committed: git commit failed: records are frozen (a hook may have rejected it)\n' +
        "hint: finish it with: git add -A -- records/organisations/dpnsee.md && git commit -m 'organisation: set city=Belgrade on dpnsee' -- records/organisations/dpnsee.md\n",
    );
    expect(read(root, 'records/organisations/dpnsee.md')).toContain('city: Belgrade\n');
    expect(subjects(root)).toEqual(['initial records']);
  });

  it('an index.lock and a missing identity are explained', () => {
    const root = gitStore(bundledRecords());
    writeFileSync(path.join(root, '.git/index.lock'), '');
    const locked = run(root, ['set', 'dpnsee', 'city=Belgrade']);
    expect(locked.code).toBe(1);
    expect(locked.stderr).toMatch(/not committed: another git process seems to be running \(.*index\.lock exists\)/);
    rmSync(path.join(root, '.git/index.lock'));
    expect(git(root, 'status', '--porcelain')).toBe(' M records/organisations/dpnsee.md\n');
    git(root, 'checkout', '--', 'records');

    git(root, 'config', '--unset', 'user.name');
    git(root, 'config', '--unset', 'user.email');
    git(root, 'config', 'user.useConfigOnly', 'true');
    const anonymous = dossier(['set', 'dpnsee', 'city=Belgrade'], {
      cwd: root,
      env: { GIT_AUTHOR_NAME: undefined, GIT_AUTHOR_EMAIL: undefined, GIT_COMMITTER_NAME: undefined, GIT_COMMITTER_EMAIL: undefined, EMAIL: undefined },
    });
    expect(anonymous.code).toBe(1);
    expect(anonymous.stderr).toMatch(/not committed: git does not know who you are: set `git config user.name "Your Name"`/);
    expect(anonymous.stderr).toContain("hint: finish it with: git add -A -- records/organisations/dpnsee.md && git commit -m 'organisation: set city=Belgrade on dpnsee' -- records/organisations/dpnsee.md\n");
    expect(subjects(root)).toEqual(['initial records']);
  });

  it('--branch creates the branch and commits there; refuses when changes would come along', () => {
    const root = gitStore(bundledRecords());
    const r = run(root, ['set', 'dpnsee', 'city=Belgrade', '--branch', 'dpnsee-city']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('switched to a new branch dpnsee-city\n');
    expect(git(root, 'branch', '--show-current').trim()).toBe('dpnsee-city');
    expect(git(root, 'log', '--format=%s', 'main..dpnsee-city').trim()).toBe('organisation: set city=Belgrade on dpnsee');
    writeFileSync(path.join(root, 'records/organisations/duga.md'), 'changed\n');
    const refused = run(root, ['set', 'prevent', 'city=Novi Sad', '--branch', 'main']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^dossier: not switching to branch main: the working tree has changes that would be carried along \(records\/organisations\/duga\.md\)/);
    expect(git(root, 'branch', '--show-current').trim()).toBe('dpnsee-city');
  });

  it('two writers at once: the second waits for the first; a held lock makes it fail clearly', async () => {
    const root = gitStore(bundledRecords());
    const [a, b] = await Promise.all([
      dossierAsync(['set', 'dpnsee', 'city=Belgrade'], { cwd: root }),
      dossierAsync(['set', 'prevent', 'city=Novi Sad'], { cwd: root }),
    ]);
    expect([a.code, b.code, a.stderr, b.stderr]).toEqual([0, 0, '', '']);
    expect(subjects(root).sort()).toEqual(['initial records', 'organisation: set city=Belgrade on dpnsee', 'organisation: set city=Novi Sad on prevent']);

    // A lock held by a live process (this test runner): the writer gives up after the timeout.
    mkdirSync(path.join(root, '.dossier'), { recursive: true });
    writeFileSync(path.join(root, '.dossier/lock'), JSON.stringify({ pid: process.pid, host: (await import('node:os')).hostname(), since: '2019-03-01T10:00:00.000Z', command: 'rename x' }));
    const waited = run(root, ['set', 'duga', 'city=Niš'], { DOSSIER_LOCK_TIMEOUT_MS: '300' });
    expect(waited.code).toBe(1);
    expect(waited.stderr).toBe(`dossier: the store is locked by dossier process ${process.pid} (rename x), since 2019-03-01T10:00:00.000Z; gave up after 0 s\nhint: try again when it has finished; if no dossier is running, delete ${path.join(root, '.dossier/lock')}\n`);
    expect(git(root, 'status', '--porcelain')).toBe('');
  });
});
