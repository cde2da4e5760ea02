/**
 * The CouchDB design document every synced project database carries: its `validate_doc_update`
 * makes the server refuse what the review rules forbid, so a modified or stale app cannot
 * change a locked image during replication. The rules are not restated here: the function's
 * tables are enumerated from core/review/status.ts and embedded as JSON in its source.
 *
 * Documents (one CouchDB database per project; `<hash>` is the image's SHA-256, lower-case hex):
 * - `image:<hash>`: the image's status, status history and all its objects together, because a
 *   validation function sees only the document being written;
 * - `issue:<issueId>`: a review issue on the image `image`;
 * - `submission:<hash>:<submittedAt>`: the objects as submitted, written once.
 *
 * The source is ES5 (no arrows, `let`, template strings): CouchDB 3's JavaScript engine may be
 * SpiderMonkey 1.8.5.
 */
import { canTransition, nextStatus, STATUSES, type ImageStatus, type Role, type StatusAction } from '../review/status';

export const DESIGN_DOC_ID = '_design/nuclei-annotator';

export interface DesignDoc {
  _id: string;
  _rev?: string;
  validate_doc_update: string;
}

/** Records, not lists, so the compiler insists every action and role of status.ts is here. */
const ACTION_SET: Record<StatusAction, true> = { edit: true, submit: true, approve: true, 'request changes': true, reopen: true };
const ROLE_SET: Record<Role, true> = { annotator: true, reviewer: true };
export const ACTIONS = Object.keys(ACTION_SET) as StatusAction[];
export const ROLES = Object.keys(ROLE_SET) as Role[];

/** What the validation function knows, all derived from status.ts. */
export interface ValidationTables {
  statuses: readonly ImageStatus[];
  roles: readonly Role[];
  /** [role][old][new]: null when the role's actions lead from old to new (in any number of steps), else why not. */
  status: Record<Role, Record<ImageStatus, Record<ImageStatus, string | null>>>;
  /** [role][status]: null when the role may change objects of an image in that status, else why not. */
  edit: Record<Role, Record<ImageStatus, string | null>>;
  /** [role]: null when the role may write a submission (it may submit at some status), else why not. */
  submit: Record<Role, string | null>;
}

/**
 * The statuses the role reaches from `from` by its own actions, `from` included: replication
 * sends only a document's latest revision, so an offline annotator's edit-then-submit arrives as
 * one write from "new" to "submitted".
 */
export function reachable(from: ImageStatus, role: Role): Set<ImageStatus> {
  const seen = new Set<ImageStatus>([from]);
  const queue = [from];
  for (let status = queue.shift(); status !== undefined; status = queue.shift()) {
    for (const action of ACTIONS) {
      if (!canTransition(status, action, role)) continue;
      const next = nextStatus(status, action, role);
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return seen;
}

/** status.ts's refusal of `action` by `role` at `status`, or null when it is legal. */
function refusalOf(status: ImageStatus, action: StatusAction, role: Role): string | null {
  try {
    nextStatus(status, action, role);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

/** Whether `action` by someone changes `from` into `to` (an edit that keeps the status does not). */
function leadsTo(from: ImageStatus, action: StatusAction, to: ImageStatus): boolean {
  return from !== to && ROLES.some((anyone) => canTransition(from, action, anyone) && nextStatus(from, action, anyone) === to);
}

/**
 * Why `role` cannot take an image from `from` to `to`, in status.ts's words: the refusal of an
 * action that would take `from` to `to` for another role ("only a reviewer can approve images"),
 * else of the first action that ends in `to` from anywhere and that this role cannot take at
 * `from` ("an annotator cannot edit a submitted image").
 */
function statusRefusal(from: ImageStatus, to: ImageStatus, role: Role): string {
  const direct = ACTIONS.filter((action) => leadsTo(from, action, to));
  const elsewhere = ACTIONS.filter((action) => STATUSES.some((status) => leadsTo(status, action, to)));
  for (const action of [...direct, ...elsewhere]) {
    const refusal = refusalOf(from, action, role);
    if (refusal) return refusal;
  }
  // No action ends in `to` (an image never becomes "new" again).
  return `no action makes an image "${to}" again`;
}

export function validationTables(): ValidationTables {
  const perRole = <T>(make: (role: Role) => T) => Object.fromEntries(ROLES.map((role) => [role, make(role)])) as Record<Role, T>;
  const perStatus = <T>(make: (status: ImageStatus) => T) => Object.fromEntries(STATUSES.map((status) => [status, make(status)])) as Record<ImageStatus, T>;
  return {
    statuses: STATUSES,
    roles: ROLES,
    status: perRole((role) => perStatus((from) => {
      const reach = reachable(from, role);
      return perStatus((to) => (reach.has(to) ? null : statusRefusal(from, to, role)));
    })),
    edit: perRole((role) => perStatus((status) => refusalOf(status, 'edit', role))),
    submit: perRole((role) => {
      const refusals = STATUSES.map((status) => refusalOf(status, 'submit', role));
      return refusals.includes(null) ? null : refusals[0];
    }),
  };
}

/**
 * The function CouchDB runs on every write, replicated ones included (admins pass at once).
 * `__TABLES__` is replaced by the tables' JSON (`T`). Object changes are compared canonically
 * (keys sorted), so the same objects written with keys in another order are no change.
 */
const VALIDATE_SOURCE = `function (newDoc, oldDoc, userCtx) {
  var T = __TABLES__;
  function deny(message) { throw({ forbidden: message }); }
  function has(list, item) { for (var i = 0; i < list.length; i++) if (list[i] === item) return true; return false; }
  function canon(value) {
    if (value === null || typeof value !== 'object') return JSON.stringify(value);
    if (isArray(value)) {
      var items = [];
      for (var i = 0; i < value.length; i++) items.push(canon(value[i]));
      return '[' + items.join(',') + ']';
    }
    var keys = Object.keys(value).sort(), parts = [];
    for (var k = 0; k < keys.length; k++) if (value[keys[k]] !== undefined) parts.push(JSON.stringify(keys[k]) + ':' + canon(value[keys[k]]));
    return '{' + parts.join(',') + '}';
  }
  function isHash(value) { return typeof value === 'string' && /^[0-9a-f]{64}$/.test(value); }
  function isObject(value) { return value !== null && typeof value === 'object' && !isArray(value); }
  function isArray(value) { return Object.prototype.toString.call(value) === '[object Array]'; }
  function isNumber(value) { return typeof value === 'number' && isFinite(value); }
  function isString(value) { return typeof value === 'string'; }

  var roles = (userCtx && userCtx.roles) || [];
  if (has(roles, '_admin')) return;
  if (!userCtx || !userCtx.name) deny('log in to change this project');
  // A user with both roles acts as the later one in status.ts's list (the reviewer).
  var role = null;
  for (var r = 0; r < T.roles.length; r++) if (has(roles, T.roles[r])) role = T.roles[r];
  if (role === null) deny('user "' + userCtx.name + '" is neither an annotator nor a reviewer of this project');

  var id = String(newDoc._id);
  var kind = id.slice(0, id.indexOf(':'));
  var key = id.slice(id.indexOf(':') + 1);
  var old = oldDoc && !oldDoc._deleted ? oldDoc : null;

  if (kind === 'image') {
    if (!isHash(key)) deny('bad document id ' + id + ': an image id is "image:" and the SHA-256 of its file (64 hex digits)');
    var from = old ? old.status : 'new';
    if (!has(T.statuses, from)) deny('the stored image ' + id + ' has an unknown status "' + from + '"');
    // Deleting a revision takes its objects away: allowed where the role may edit. Clients
    // delete the losing revisions when they merge a conflict, so this must not need a reviewer.
    if (newDoc._deleted) {
      if (old && T.edit[role][from] !== null) deny(T.edit[role][from]);
      return;
    }
    if (newDoc.type !== 'image' || newDoc.hash !== key) deny('bad image document ' + id + ': type must be "image" and hash the id\\'s hash');
    if (!isString(newDoc.name) || !isNumber(newDoc.width) || !isNumber(newDoc.height)) deny('bad image document ' + id + ': name, width and height are required');
    if (!has(T.statuses, newDoc.status)) deny('bad image document ' + id + ': unknown status "' + newDoc.status + '"');
    if (!isArray(newDoc.statusHistory) || !isArray(newDoc.objects) || !isObject(newDoc.removed)) deny('bad image document ' + id + ': statusHistory and objects must be lists, removed a map');
    var statusRefusal = T.status[role][from][newDoc.status];
    if (statusRefusal !== null) deny(statusRefusal);
    var objectsChanged = old ? canon(old.objects) !== canon(newDoc.objects) || canon(old.removed) !== canon(newDoc.removed) : newDoc.objects.length > 0;
    if (objectsChanged && T.edit[role][from] !== null) deny(T.edit[role][from]);
    return;
  }

  if (kind === 'issue') {
    if (key === '') deny('bad document id ' + id + ': an issue id is "issue:" and the issue\\'s id');
    if (newDoc._deleted) {
      if (role !== 'reviewer') deny('only a reviewer can delete issues');
      return;
    }
    var issue = newDoc.issue;
    if (newDoc.type !== 'issue' || !isHash(newDoc.image) || !isObject(issue) || issue.id !== key) deny('bad issue document ' + id + ': type "issue", the image\\'s hash and the issue (with this id) are required');
    if (!isString(issue.kind) || !(issue.status === 'open' || issue.status === 'resolved') || !isArray(issue.comments)) deny('bad issue document ' + id + ': kind, status (open or resolved) and comments are required');
    if (old && old.image !== newDoc.image) deny('an issue cannot move to another image');
    return;
  }

  if (kind === 'submission') {
    var colon = key.lastIndexOf(':');
    var hash = key.slice(0, colon), at = Number(key.slice(colon + 1));
    if (colon < 0 || !isHash(hash) || !isNumber(at)) deny('bad document id ' + id + ': a submission id is "submission:", the image\\'s hash, ":" and the time of submission');
    if (newDoc._deleted) deny('a submission cannot be deleted');
    if (oldDoc) deny('a submission cannot be changed');
    if (T.submit[role] !== null) deny(T.submit[role]);
    if (newDoc.type !== 'submission' || newDoc.image !== hash || newDoc.submittedAt !== at || !isString(newDoc.submittedBy) || !isArray(newDoc.objects)) deny('bad submission document ' + id + ': type "submission", image and submittedAt as in the id, submittedBy and objects are required');
    return;
  }

  deny('unknown document ' + id + ': this project holds only image:, issue: and submission: documents');
}`;

/** The validation function's source, with the tables of status.ts in it. */
export function validateDocUpdateSource(): string {
  return VALIDATE_SOURCE.replace('__TABLES__', () => JSON.stringify(validationTables()));
}

/** The design document to put at DESIGN_DOC_ID (sync-setup and the dev server both use it). */
export function designDoc(): DesignDoc {
  return { _id: DESIGN_DOC_ID, validate_doc_update: validateDocUpdateSource() };
}
