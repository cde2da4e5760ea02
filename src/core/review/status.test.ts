import { describe, expect, it } from 'vitest';
import { canTransition, IllegalTransition, nextStatus, STATUSES, type ImageStatus, type Role, type StatusAction } from './status';

const ACTIONS: StatusAction[] = ['edit', 'submit', 'approve', 'request changes', 'reopen'];
const ROLES: Role[] = ['annotator', 'reviewer'];

// Every legal transition, written out; any triple not listed must be refused.
const LEGAL: [ImageStatus, StatusAction, Role, ImageStatus][] = [
  ['new', 'edit', 'annotator', 'in progress'],
  ['new', 'edit', 'reviewer', 'in progress'],
  ['in progress', 'edit', 'annotator', 'in progress'],
  ['in progress', 'edit', 'reviewer', 'in progress'],
  ['changes requested', 'edit', 'annotator', 'in progress'],
  ['changes requested', 'edit', 'reviewer', 'in progress'],
  ['submitted', 'edit', 'reviewer', 'submitted'],
  ['approved', 'edit', 'reviewer', 'approved'],
  ['new', 'submit', 'annotator', 'submitted'],
  ['in progress', 'submit', 'annotator', 'submitted'],
  ['changes requested', 'submit', 'annotator', 'submitted'],
  ['submitted', 'approve', 'reviewer', 'approved'],
  ['submitted', 'request changes', 'reviewer', 'changes requested'],
  ['approved', 'request changes', 'reviewer', 'changes requested'],
  ['approved', 'reopen', 'reviewer', 'in progress'],
];

const table = STATUSES.flatMap((status) =>
  ACTIONS.flatMap((action) =>
    ROLES.map((role) => {
      const legal = LEGAL.find(([s, a, r]) => s === status && a === action && r === role);
      return { status, action, role, expected: legal ? legal[3] : null };
    }),
  ),
);

describe('nextStatus', () => {
  it('lists statuses in workflow order', () => {
    expect(STATUSES).toEqual(['new', 'in progress', 'submitted', 'changes requested', 'approved']);
  });

  it('covers all 50 combinations and the legal list has no duplicates', () => {
    expect(table).toHaveLength(50);
    expect(new Set(LEGAL.map(([s, a, r]) => `${s}|${a}|${r}`)).size).toBe(LEGAL.length);
  });

  it.each(table)('$role: $action on "$status" → $expected', ({ status, action, role, expected }) => {
    expect(canTransition(status, action, role)).toBe(expected !== null);
    if (expected !== null) {
      expect(nextStatus(status, action, role)).toBe(expected);
    } else {
      expect(() => nextStatus(status, action, role)).toThrow(IllegalTransition);
    }
  });

  it('explains refusals', () => {
    const message = (s: ImageStatus, a: StatusAction, r: Role): string => {
      try {
        nextStatus(s, a, r);
      } catch (e) {
        expect(e).toBeInstanceOf(Error);
        expect(e).toMatchObject({ name: 'IllegalTransition', current: s, action: a, role: r });
        return (e as Error).message;
      }
      throw new Error('expected a refusal');
    };
    expect(message('in progress', 'approve', 'reviewer')).toBe('cannot approve an image that is in progress');
    expect(message('new', 'reopen', 'reviewer')).toBe('cannot reopen a new image');
    expect(message('changes requested', 'request changes', 'reviewer')).toBe('cannot request changes on an image with changes requested');
    expect(message('approved', 'submit', 'annotator')).toBe('cannot submit an approved image');
    expect(message('submitted', 'edit', 'annotator')).toBe('an annotator cannot edit a submitted image');
    expect(message('submitted', 'approve', 'annotator')).toBe('only a reviewer can approve images');
    expect(message('submitted', 'request changes', 'annotator')).toBe('only a reviewer can request changes');
    expect(message('in progress', 'submit', 'reviewer')).toBe('only an annotator can submit images');
  });
});
