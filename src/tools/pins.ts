import { anchorIssues } from '../core/review/issues';
import { pinAt } from '../core/review/pins';
import { openIssue } from '../store/actions/review';
import { getState } from '../store/store';
import type { PointerInput } from './input';

/** A left click on an issue pin opens its thread; returns whether the click was on one. */
export function openPinAt(input: PointerInput): boolean {
  if (input.button !== 0) return false;
  const pin = pinAt(anchorIssues(getState().issues, getState().objects), input.x, input.y, input.zoom);
  if (pin) openIssue(pin.issue.id);
  return !!pin;
}
