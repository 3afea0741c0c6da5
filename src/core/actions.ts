/** Follow-up actions across meetings: who owes what, by when, and what is overdue. */
import type { StoreRecord } from './record.js';

export type ActionStatus = 'open' | 'done' | 'dropped';

export const ACTION_STATUSES: readonly ActionStatus[] = ['open', 'done', 'dropped'];

/** One action of one meeting, flattened for listing. */
export interface ActionItem {
  meeting: StoreRecord;
  /** Position in the meeting's `actions` list. */
  index: number;
  task: string;
  owner: string;
  due: string | undefined;
  status: ActionStatus;
  /** Open, with a due date before today. */
  overdue: boolean;
}

export interface ActionFilter {
  status?: ActionStatus;
  overdue?: boolean;
  /** Owner id. */
  owner?: string;
  /** YYYY-MM-DD. */
  today: string;
}

/** Open with a due date before `today` (dates compare as strings in YYYY-MM-DD). */
export function isOverdue(status: ActionStatus, due: string | undefined, today: string): boolean {
  return status === 'open' && due !== undefined && due < today;
}

/** Every action of every valid meeting, in store order. */
export function collectActions(records: readonly StoreRecord[], today: string): ActionItem[] {
  const out: ActionItem[] = [];
  for (const meeting of records) {
    if (meeting.type !== 'meeting' || !meeting.valid) continue;
    const actions = meeting.fields?.actions;
    if (!Array.isArray(actions)) continue;
    actions.forEach((a: Record<string, unknown>, index) => {
      const status = (a.status ?? 'open') as ActionStatus;
      const due = typeof a.due === 'string' ? a.due : undefined;
      out.push({ meeting, index, task: String(a.task), owner: String(a.owner), due, status, overdue: isOverdue(status, due, today) });
    });
  }
  return out;
}

function meetingDate(item: ActionItem): string {
  const d = item.meeting.fields?.date;
  return typeof d === 'string' ? d : '';
}

/**
 * Filter, then order as a to-do list: by due date (undated last), then the oldest meeting first,
 * then the order within the meeting.
 */
export function selectActions(items: readonly ActionItem[], filter: ActionFilter): ActionItem[] {
  const chosen = items.filter(
    (a) => (!filter.status || a.status === filter.status) && (!filter.overdue || a.overdue) && (!filter.owner || a.owner === filter.owner),
  );
  return chosen.sort((a, b) => {
    if (a.due !== b.due) {
      if (a.due === undefined) return 1;
      if (b.due === undefined) return -1;
      return a.due < b.due ? -1 : 1;
    }
    const da = meetingDate(a);
    const db = meetingDate(b);
    if (da !== db) return da < db ? -1 : 1;
    if (a.meeting.id !== b.meeting.id) return a.meeting.id < b.meeting.id ? -1 : 1;
    return a.index - b.index;
  });
}
