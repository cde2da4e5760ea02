/**
 * Review status of an image and the transitions between statuses. An annotator outlines and
 * submits; a reviewer approves, requests changes, reopens, or corrects outlines directly.
 * Pure rules: callers persist the status and lock the editor where `edit` is illegal.
 */

export type ImageStatus = 'new' | 'in progress' | 'submitted' | 'changes requested' | 'approved';
export type Role = 'annotator' | 'reviewer';
/** `edit` is any change to an image's objects (add, delete, reshape, restack). */
export type StatusAction = 'edit' | 'submit' | 'approve' | 'request changes' | 'reopen';

/** Every status in workflow order (for filters and menus). */
export const STATUSES: readonly ImageStatus[] = Object.freeze(['new', 'in progress', 'submitted', 'changes requested', 'approved'] as const);

/** Thrown by nextStatus; the message is fit to show to the user as is. */
export class IllegalTransition extends Error {
  override name = 'IllegalTransition';
  constructor(
    readonly current: ImageStatus,
    readonly action: StatusAction,
    readonly role: Role,
  ) {
    super(refusal(current, action, role));
  }
}

/** Which role may take each action; `edit` is open to both (status decides). */
const ACTOR: Record<StatusAction, Role | 'any'> = {
  edit: 'any',
  submit: 'annotator',
  approve: 'reviewer',
  'request changes': 'reviewer',
  reopen: 'reviewer',
};

/**
 * The status after `action` by `role` on an image in `current`, or throws IllegalTransition.
 * Edits by a reviewer on a submitted or approved image keep the status (the reviewer
 * corrects in place instead of bouncing the image back); edits by an annotator there are
 * illegal (the work is out of their hands until a reviewer requests changes or reopens).
 */
export function nextStatus(current: ImageStatus, action: StatusAction, role: Role): ImageStatus {
  const next = transition(current, action, role);
  if (next === null) throw new IllegalTransition(current, action, role);
  return next;
}

/** Whether nextStatus(current, action, role) would succeed. */
export function canTransition(current: ImageStatus, action: StatusAction, role: Role): boolean {
  return transition(current, action, role) !== null;
}

function transition(current: ImageStatus, action: StatusAction, role: Role): ImageStatus | null {
  const actor = ACTOR[action];
  if (actor !== 'any' && actor !== role) return null;
  switch (action) {
    case 'edit':
      if (current === 'submitted' || current === 'approved') return role === 'reviewer' ? current : null;
      return 'in progress';
    case 'submit':
      return current === 'new' || current === 'in progress' || current === 'changes requested' ? 'submitted' : null;
    case 'approve':
      return current === 'submitted' ? 'approved' : null;
    case 'request changes':
      return current === 'submitted' || current === 'approved' ? 'changes requested' : null;
    case 'reopen':
      return current === 'approved' ? 'in progress' : null;
  }
}

const IMAGE_PHRASE: Record<ImageStatus, string> = {
  new: 'a new image',
  'in progress': 'an image that is in progress',
  submitted: 'a submitted image',
  'changes requested': 'an image with changes requested',
  approved: 'an approved image',
};
const VERB_PHRASE: Record<StatusAction, string> = {
  edit: 'edit',
  submit: 'submit',
  approve: 'approve',
  'request changes': 'request changes on',
  reopen: 'reopen',
};

/** E.g. "cannot approve an image that is in progress", "only a reviewer can approve images". */
function refusal(current: ImageStatus, action: StatusAction, role: Role): string {
  const actor = ACTOR[action];
  // The role is the more fundamental reason: no status would make the action legal.
  if (actor !== 'any' && actor !== role) return `only ${article(actor)} can ${action === 'request changes' ? 'request changes' : `${action} images`}`;
  // Edits are refused by role only on some statuses, so say who is refused.
  const who = action === 'edit' ? `${article(role)} ` : '';
  return `${who}cannot ${VERB_PHRASE[action]} ${IMAGE_PHRASE[current]}`;
}

function article(role: Role): string {
  return role === 'annotator' ? 'an annotator' : 'a reviewer';
}
