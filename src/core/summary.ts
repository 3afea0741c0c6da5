/**
 * The publishable summary of one meeting, proposal or agreement (`dossier export summary`), as data: the
 * record's facts with the related records woven in (a meeting's proposals and agreements in full; a proposal's
 * or agreement's meetings). The words are written by format/summary.ts.
 */
import { Facts, type AgreementFacts, type MeetingFacts, type ProposalFacts } from './export-facts.js';
import type { StoreRecord } from './record.js';
import { referencesIn } from './schema-info.js';
import type { ExportView } from './visibility.js';

export type SummaryModel =
  | { kind: 'meeting'; meeting: MeetingFacts; proposals: ProposalFacts[]; agreements: AgreementFacts[] }
  | { kind: 'proposal'; proposal: ProposalFacts }
  | { kind: 'agreement'; agreement: AgreementFacts };

/** The types a summary can be made of. */
export const SUMMARY_TYPES = ['meeting', 'proposal', 'agreement'] as const;

/** The summary of `record` (a meeting, proposal or agreement of `view`). */
export function buildSummary(view: ExportView, record: StoreRecord, options: { today: string }): SummaryModel {
  const facts = new Facts(view, options.today);
  const own = view.byId.get(record.id) ?? record;
  switch (own.type) {
    case 'meeting': {
      const meeting = facts.meeting(own);
      const related = (ids: { id: string }[]) => ids.map((r) => view.byId.get(r.id)).filter((r): r is StoreRecord => r !== undefined);
      return {
        kind: 'meeting',
        meeting,
        proposals: related(meeting.proposals).map((p) => facts.proposal(p)),
        agreements: related(meeting.agreements).map((a) => facts.agreement(a)),
      };
    }
    case 'proposal':
      return { kind: 'proposal', proposal: facts.proposal(own) };
    case 'agreement':
      return { kind: 'agreement', agreement: facts.agreement(own) };
    default:
      throw new Error(`no summary for a ${own.type}`);
  }
}

/**
 * Every id the summary of `record` draws on, as stored (before private ones were left out): the references of
 * the record and of the records woven into it. With the view's left-out ids, this counts what a summary omits.
 */
export function summarySources(model: SummaryModel, record: StoreRecord, byId: ReadonlyMap<string, StoreRecord>): Set<string> {
  const related = model.kind === 'meeting' ? [...model.proposals, ...model.agreements] : model.kind === 'proposal' ? model.proposal.meetings : model.agreement.meetings;
  const ids = new Set<string>();
  for (const r of [record, ...related.map((x) => byId.get(x.id)).filter((x): x is StoreRecord => x !== undefined)]) {
    for (const ref of referencesIn(r.type, r.fields ?? {})) ids.add(ref.id);
  }
  return ids;
}
