import { describe, expect, it } from 'vitest';
import { assignmentToOp, parseAssignment, parseUnsetPath, parseValue, unsetToOp } from '../../src/core/assignments.js';
import { EditError } from '../../src/core/edit.js';
import { fieldInfo } from '../../src/core/schema-info.js';

const op = (type: 'meeting' | 'proposal' | 'organisation', raw: string) => assignmentToOp(type, parseAssignment(raw));

describe('assignments', () => {
  it('parses the three operators and dotted paths', () => {
    expect(parseAssignment('status=adopted')).toMatchObject({ path: ['status'], op: '=', valueText: 'adopted' });
    expect(parseAssignment('participants+=dpnsee')).toMatchObject({ path: ['participants'], op: '+=' });
    expect(parseAssignment('participants-=dpnsee')).toMatchObject({ path: ['participants'], op: '-=' });
    expect(parseAssignment('actions.0.status=done')).toMatchObject({ path: ['actions', 0, 'status'] });
    expect(parseAssignment('title=a=b').valueText).toBe('a=b');
  });

  it('reads a value as one YAML flow value, and text as written', () => {
    expect(op('meeting', 'participants=[dpnsee, prevent]')).toEqual({ op: 'set', path: ['participants'], value: ['dpnsee', 'prevent'] });
    expect(op('meeting', 'participant_count=15').op === 'set' && (op('meeting', 'participant_count=15') as { value: unknown }).value).toBe(15);
    expect(op('meeting', 'title=Follow-up: second round')).toEqual({ op: 'set', path: ['title'], value: 'Follow-up: second round' });
    expect(op('meeting', 'title=2019')).toEqual({ op: 'set', path: ['title'], value: '2019' });
    expect(op('meeting', 'title="  quoted  "')).toEqual({ op: 'set', path: ['title'], value: '  quoted  ' });
    expect(op('meeting', 'actions+={task: Send minutes, owner: dpnsee}')).toEqual({ op: 'append', path: ['actions'], value: { task: 'Send minutes', owner: 'dpnsee' } });
    expect(parseValue('NO', fieldInfo('organisation', 'short_name'))).toBe('NO');
  });

  it('refuses unknown fields with a suggestion, and id/type', () => {
    expect(() => op('meeting', 'participant=[x]')).toThrow(/`participant` is not a field of a meeting/);
    try {
      op('meeting', 'participant=[x]');
    } catch (e) {
      expect((e as EditError).hint).toBe('did you mean `participants`?');
    }
    expect(() => op('meeting', 'id=x')).toThrow(/cannot be set/);
    expect(() => op('meeting', 'actions.0.colour=red')).toThrow(/not a field of `actions` items/);
    expect(() => op('meeting', 'title+=x')).toThrow(/not a list/);
    expect(() => parseAssignment('title')).toThrow(EditError);
    expect(() => op('meeting', 'title=')).toThrow(/empty value/);
  });

  it('refuses YAML anchors, aliases and tags in values', () => {
    expect(() => op('meeting', 'participants=[&a x, *a]')).toThrow(/anchors, aliases or tags/);
    expect(() => op('meeting', 'participant_count=!!str 5')).toThrow(/anchors, aliases or tags/);
  });

  it('unset: a path; required fields cannot be unset', () => {
    expect(unsetToOp('meeting', parseUnsetPath('end_date'))).toEqual({ op: 'unset', path: ['end_date'] });
    expect(() => unsetToOp('meeting', ['title'])).toThrow(/required/);
    expect(() => parseUnsetPath('a b')).toThrow(EditError);
  });
});
