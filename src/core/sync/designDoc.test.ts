import { parse } from 'acorn';
import { describe, expect, it } from 'vitest';
import { canTransition, nextStatus, STATUSES, type ImageStatus, type Role, type StatusAction } from '../review/status';
import { ACTIONS, DESIGN_DOC_ID, designDoc, ROLES } from './designDoc';

type Doc = Record<string, unknown> & { _id: string };
interface UserCtx {
  name: string | null;
  roles: string[];
}
type Validate = (newDoc: Doc, oldDoc: Doc | null, userCtx: UserCtx, secObj: object) => void;

// The generated source, evaluated as CouchDB does: one anonymous function expression.
const validateDocUpdate = new Function(`return (${designDoc().validate_doc_update});`)() as Validate;

/** The server's refusal message, or null when the write is accepted; anything else thrown fails the test. */
function refusal(newDoc: Doc, oldDoc: Doc | null, userCtx: UserCtx): string | null {
  try {
    validateDocUpdate(structuredClone(newDoc), oldDoc && structuredClone(oldDoc), userCtx, {});
    return null;
  } catch (error) {
    if (error && typeof error === 'object' && 'forbidden' in error) return String(error.forbidden);
    throw error;
  }
}

const user = (role: Role | '_admin' | 'guest', name: string | null = 'ann'): UserCtx => ({ name, roles: role === 'guest' ? [] : [role] });
const HASH = 'ab'.repeat(32);
const OTHER_HASH = 'cd'.repeat(32);
const object = (id: string, x = 10) => ({ id, version: 1, rings: [[x, 10, x + 5, 10, x + 5, 15]], z: 0, label: 'nucleus', createdAt: 1, updatedAt: 1, author: 'ann' });

function image(status: ImageStatus, objects = [object('a')], removed: Record<string, number> = {}): Doc {
  return { _id: `image:${HASH}`, _rev: '1-x', type: 'image', hash: HASH, name: 'a.png', width: 64, height: 64, status, statusHistory: [], objects, removed, updatedAt: 5, updatedBy: 'ann' };
}

/**
 * Statuses a role reaches from `from`, found by trying every sequence of its actions up to the
 * number of statuses (longer paths revisit a status): a second derivation from status.ts, not
 * the design document's own.
 */
function bySequences(from: ImageStatus, role: Role): Set<ImageStatus> {
  let frontier = new Set<ImageStatus>([from]);
  const reached = new Set<ImageStatus>([from]);
  for (let step = 0; step < STATUSES.length; step++) {
    const next = new Set<ImageStatus>();
    for (const status of frontier) for (const action of ACTIONS) if (canTransition(status, action, role)) next.add(nextStatus(status, action, role));
    next.forEach((status) => reached.add(status));
    frontier = next;
  }
  return reached;
}

describe('the design document', () => {
  it('has the agreed id and a function as its validate_doc_update', () => {
    expect(designDoc()._id).toBe(DESIGN_DOC_ID);
    expect(DESIGN_DOC_ID).toBe('_design/nuclei-annotator');
    expect(typeof validateDocUpdate).toBe('function');
  });

  it('covers every action and role of status.ts', () => {
    // Each action is legal somewhere, so an action missing from ACTIONS would change reachability.
    const all: StatusAction[] = ['edit', 'submit', 'approve', 'request changes', 'reopen'];
    expect([...ACTIONS].sort()).toEqual([...all].sort());
    expect([...ROLES].sort()).toEqual(['annotator', 'reviewer']);
  });

  it('is one ES5 function expression, for the JavaScript engine of CouchDB 3 (SpiderMonkey 1.8.5 in some builds)', () => {
    const source = designDoc().validate_doc_update;
    const program = parse(`(${source})`, { ecmaVersion: 5 });
    expect(program.body).toHaveLength(1);
    expect(program.body[0]).toMatchObject({ type: 'ExpressionStatement', expression: { type: 'FunctionExpression' } });
    // The same parser refuses later syntax, so the check can fail.
    expect(() => parse('(function () { let x = () => 1; })', { ecmaVersion: 5 })).toThrow(SyntaxError);
  });
});

describe('status changes of an image', () => {
  const cases = ROLES.flatMap((role) => STATUSES.flatMap((from) => STATUSES.map((to) => ({ role, from, to, legal: bySequences(from, role).has(to) }))));

  it('checks all 50 combinations, legal ones among them', () => {
    expect(cases).toHaveLength(2 * 5 * 5);
    expect(cases.filter((c) => c.legal).length).toBeGreaterThan(10);
    expect(cases.filter((c) => !c.legal).length).toBeGreaterThan(10);
  });

  it.each(cases)('$role: "$from" → "$to" (legal: $legal), objects unchanged', ({ role, from, to, legal }) => {
    const message = refusal(image(to), image(from), user(role));
    if (legal) expect(message).toBeNull();
    else expect(message).toEqual(expect.any(String));
  });

  it('lets an offline annotator’s several steps arrive as one write', () => {
    // new → (edit) in progress → (submit) submitted, objects drawn on the way.
    expect(refusal(image('submitted', [object('a'), object('b', 30)]), image('new', []), user('annotator'))).toBeNull();
    // A reviewer's request for changes, then the annotator's edit: changes requested → in progress.
    expect(refusal(image('in progress', [object('a', 20)]), image('changes requested'), user('annotator'))).toBeNull();
    // A reviewer: submitted → (request changes) changes requested → (edit) in progress.
    expect(refusal(image('in progress'), image('submitted'), user('reviewer'))).toBeNull();
  });

  it('refuses in status.ts’s words', () => {
    expect(refusal(image('approved'), image('submitted'), user('annotator'))).toBe('only a reviewer can approve images');
    expect(refusal(image('changes requested'), image('approved'), user('annotator'))).toBe('only a reviewer can request changes');
    expect(refusal(image('in progress'), image('submitted'), user('annotator'))).toBe('an annotator cannot edit a submitted image');
    expect(refusal(image('submitted'), image('in progress'), user('reviewer'))).toBe('only an annotator can submit images');
    expect(refusal(image('approved'), image('in progress'), user('reviewer'))).toBe('cannot approve an image that is in progress');
    expect(refusal(image('new'), image('in progress'), user('reviewer'))).toBe('no action makes an image "new" again');
  });

  it('takes a new image document as coming from "new"', () => {
    const fresh = (status: ImageStatus) => ({ ...image(status, []), _rev: undefined });
    for (const role of ROLES) {
      for (const status of STATUSES) {
        const message = refusal(fresh(status), null, user(role));
        if (bySequences('new', role).has(status)) expect(message, `${role} ${status}`).toBeNull();
        else expect(message, `${role} ${status}`).toEqual(expect.any(String));
      }
    }
    expect(refusal({ ...fresh('in progress'), objects: [object('a')] }, null, user('annotator'))).toBeNull();
  });

  it('treats a deleted stored document as absent (an image added again)', () => {
    expect(refusal(image('submitted'), { _id: `image:${HASH}`, _deleted: true }, user('annotator'))).toBeNull();
  });
});

describe('object changes on an image', () => {
  const cases = ROLES.flatMap((role) => STATUSES.map((status) => ({ role, status, legal: canTransition(status, 'edit', role) })));

  it.each(cases)('$role changes objects on "$status" (legal: $legal)', ({ role, status, legal }) => {
    const old = image(status);
    // The status the edit leads to where legal; where it is not, the status stays.
    const after = legal ? nextStatus(status, 'edit', role) : status;
    const moved = refusal(image(after, [object('a', 40)]), old, user(role));
    const added = refusal(image(after, [object('a'), object('b', 30)]), old, user(role));
    const deleted = refusal(image(after, [], { a: 2 }), old, user(role));
    if (legal) {
      expect([moved, added, deleted]).toEqual([null, null, null]);
    } else {
      const expected = (() => {
        try {
          nextStatus(status, 'edit', role);
        } catch (error) {
          return (error as Error).message;
        }
      })();
      expect([moved, added, deleted]).toEqual([expected, expected, expected]);
    }
  });

  it('refuses an annotator’s change to a submitted or approved image, with the review rules’ message', () => {
    expect(refusal(image('submitted', [object('a', 40)]), image('submitted'), user('annotator'))).toBe('an annotator cannot edit a submitted image');
    expect(refusal(image('approved', [object('a', 40)]), image('approved'), user('annotator'))).toBe('an annotator cannot edit an approved image');
    // Sending it back to "in progress" at the same time does not help.
    expect(refusal(image('in progress', [object('a', 40)]), image('submitted'), user('annotator'))).toBe('an annotator cannot edit a submitted image');
  });

  it('counts tombstones as object changes', () => {
    const old = image('submitted', [], { a: 2 });
    expect(refusal(image('submitted', [], { a: 2, b: 1 }), old, user('annotator'))).toBe('an annotator cannot edit a submitted image');
    expect(refusal(image('submitted', [], {}), old, user('annotator'))).toBe('an annotator cannot edit a submitted image');
    expect(refusal(image('submitted', [], { a: 3 }), old, user('annotator'))).toBe('an annotator cannot edit a submitted image');
    expect(refusal(image('submitted', [], { a: 3 }), old, user('reviewer'))).toBeNull();
  });

  it('compares canonically: the same objects with keys in another order are no change', () => {
    const reordered = Object.fromEntries(Object.entries(object('a')).reverse()) as ReturnType<typeof object>;
    const old = image('submitted', [object('a')], { gone: 1 });
    const same = { ...image('submitted', [reordered]), removed: { gone: 1 }, updatedAt: 99, statusHistory: [{ status: 'submitted', by: 'ann', role: 'annotator', at: 9 }] };
    expect(refusal(same, old, user('annotator'))).toBeNull();
    // Order of the objects themselves matters (the client keeps them sorted by id): a restack is a change.
    const two = image('submitted', [object('a'), object('b', 30)]);
    expect(refusal(image('submitted', [object('b', 30), object('a')]), two, user('annotator'))).toBe('an annotator cannot edit a submitted image');
  });

  it('lets a revision of an image be deleted where its objects could be changed (a merged conflict’s losing leaf)', () => {
    const deletion = { _id: `image:${HASH}`, _rev: '2-y', _deleted: true };
    for (const role of ROLES) {
      for (const status of STATUSES) {
        const message = refusal(deletion, image(status), user(role));
        if (canTransition(status, 'edit', role)) expect(message, `${role} ${status}`).toBeNull();
        else expect(message, `${role} ${status}`).toBe(`an annotator cannot edit ${status === 'submitted' ? 'a submitted' : 'an approved'} image`);
      }
    }
    expect(refusal(deletion, null, user('annotator'))).toBeNull();
  });
});

describe('issues', () => {
  const issue = (status: 'open' | 'resolved' = 'open', imageHash = HASH): Doc => ({
    _id: 'issue:i1',
    type: 'issue',
    image: imageHash,
    issue: { id: 'i1', kind: 'wrong outline', x: 3, y: 4, objectId: null, status, comments: [{ author: 'rev', at: 1, text: 'too big' }], createdBy: 'rev', createdAt: 1 },
  });

  it('may be created and updated by either role', () => {
    for (const role of ROLES) {
      expect(refusal(issue(), null, user(role))).toBeNull();
      expect(refusal(issue('resolved'), issue(), user(role))).toBeNull();
    }
  });

  it('are deleted only by a reviewer', () => {
    const deletion = { _id: 'issue:i1', _deleted: true };
    expect(refusal(deletion, issue(), user('annotator'))).toBe('only a reviewer can delete issues');
    expect(refusal(deletion, issue(), user('reviewer'))).toBeNull();
  });

  it('refuses bad shapes and a move to another image', () => {
    expect(refusal({ ...issue(), _id: 'issue:other' }, null, user('reviewer'))).toMatch(/^bad issue document issue:other/);
    expect(refusal({ ...issue(), image: 'not-a-hash' }, null, user('reviewer'))).toMatch(/^bad issue document/);
    expect(refusal({ ...issue(), issue: { ...(issue().issue as object), status: 'maybe' } }, null, user('reviewer'))).toMatch(/status \(open or resolved\)/);
    expect(refusal({ ...issue(), _id: 'issue:' }, null, user('reviewer'))).toMatch(/^bad document id issue:/);
    expect(refusal(issue('open', OTHER_HASH), issue(), user('reviewer'))).toBe('an issue cannot move to another image');
  });
});

describe('submissions', () => {
  const id = `submission:${HASH}:1700000000000`;
  const submission: Doc = { _id: id, type: 'submission', image: HASH, submittedAt: 1700000000000, submittedBy: 'ann', objects: [object('a')] };

  it('are created by whoever may submit (an annotator), once', () => {
    expect(refusal(submission, null, user('annotator'))).toBeNull();
    expect(refusal(submission, null, user('reviewer'))).toBe('only an annotator can submit images');
  });

  it('are never changed or deleted, except by an admin', () => {
    const changed = { ...submission, objects: [] };
    const deletion = { _id: id, _deleted: true };
    for (const role of ROLES) {
      expect(refusal(changed, submission, user(role))).toBe('a submission cannot be changed');
      expect(refusal(deletion, submission, user(role))).toBe('a submission cannot be deleted');
    }
    expect(refusal(deletion, submission, user('_admin', 'admin'))).toBeNull();
  });

  it('refuses ids and fields that do not match', () => {
    expect(refusal({ ...submission, submittedAt: 5 }, null, user('annotator'))).toMatch(/^bad submission document/);
    expect(refusal({ ...submission, image: OTHER_HASH }, null, user('annotator'))).toMatch(/^bad submission document/);
    expect(refusal({ ...submission, _id: `submission:${HASH}` }, null, user('annotator'))).toMatch(/^bad document id/);
    expect(refusal({ ...submission, _id: `submission:${HASH}:later` }, null, user('annotator'))).toMatch(/^bad document id/);
  });
});

describe('writers and shapes', () => {
  it('refuses unauthenticated writers and users without a role', () => {
    expect(refusal(image('in progress'), image('new'), user('guest', null))).toBe('log in to change this project');
    expect(refusal(image('in progress'), image('new'), { name: 'eve', roles: ['viewer'] })).toBe('user "eve" is neither an annotator nor a reviewer of this project');
  });

  it('lets an admin write anything', () => {
    expect(refusal({ _id: 'anything' }, null, user('_admin', 'admin'))).toBeNull();
    expect(refusal(image('new', [object('a', 40)]), image('approved'), user('_admin', 'admin'))).toBeNull();
  });

  it('takes a user with both roles as a reviewer', () => {
    expect(refusal(image('approved'), image('submitted'), { name: 'both', roles: ['annotator', 'reviewer'] })).toBeNull();
  });

  it('refuses unknown kinds of document and image documents of the wrong shape', () => {
    const annotator = user('annotator');
    expect(refusal({ _id: 'note:1', type: 'note' }, null, annotator)).toBe('unknown document note:1: this project holds only image:, issue: and submission: documents');
    expect(refusal({ _id: 'plain' }, null, annotator)).toMatch(/^unknown document plain/);
    expect(refusal({ ...image('new'), _id: 'image:1234' }, null, annotator)).toMatch(/^bad document id image:1234/);
    expect(refusal({ ...image('new'), _id: `image:${HASH.toUpperCase()}` }, null, annotator)).toMatch(/^bad document id/);
    expect(refusal({ ...image('new'), type: 'issue' }, null, annotator)).toMatch(/^bad image document/);
    expect(refusal({ ...image('new'), hash: OTHER_HASH }, null, annotator)).toMatch(/^bad image document/);
    expect(refusal({ ...image('new'), status: 'done' }, null, annotator)).toBe(`bad image document image:${HASH}: unknown status "done"`);
    expect(refusal({ ...image('new'), objects: undefined }, null, annotator)).toMatch(/objects must be lists/);
    expect(refusal({ ...image('new'), removed: [] }, null, annotator)).toMatch(/removed a map/);
    expect(refusal({ ...image('new'), width: '64' }, null, annotator)).toMatch(/name, width and height/);
    expect(refusal(image('in progress'), { ...image('new'), status: 'odd' }, annotator)).toMatch(/unknown status "odd"/);
  });
});
