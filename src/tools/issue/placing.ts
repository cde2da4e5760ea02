import { objectAt } from '../../store/actions/hitTest';
import { placeIssue } from '../../store/actions/review';
import { defineState, transition } from '../machine';

declare module '../machine' {
  interface StateData {
    /** Entered with the state to go back to once the issue is dropped or the user gives up. */
    'issue.placing': { returnTo: 'select.idle' | 'draw.idle' | 'assist.idle' };
  }
}

/** I / "Add issue": the next click drops an issue, on the object under it or at the point. */
export const issuePlacing = defineState('issue.placing', {
  enter: ({ returnTo }) => {
    const back = () => transition(returnTo);
    return {
      onPointerDown(input) {
        if (input.button !== 0) return;
        back();
        placeIssue(input.x, input.y, objectAt(input.x, input.y)?.id ?? null);
      },
      onCancel: back,
    };
  },
});
