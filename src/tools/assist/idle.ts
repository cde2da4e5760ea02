import { acceptProposals, outlineAt, prepareOneClick, proposalAt } from '../../store/actions/proposals';
import { describeFailure, notify } from '../../store/actions/notices';
import { allowEdit, mayEdit } from '../../store/actions/review';
import { selectObject } from '../../store/actions/annotations';
import { defineState } from '../machine';
import { openPinAt } from '../pins';

declare module '../machine' {
  interface StateData {
    'assist.idle': void;
  }
}

/**
 * One click (K): a click on a nucleus adds its outline from the detector's result (a region
 * grown from the click where it found nothing); a click on a proposal accepts it; Shift + click
 * adds the region under the click to the selected object, Alt + click takes it away. While a
 * click is being answered, further clicks wait for it.
 */
export const assistIdle = defineState('assist.idle', {
  enter: () => {
    let pending: Promise<unknown> = Promise.resolve();
    return {
      onEnter: prepareOneClick,
      onPointerDown(input) {
        if (openPinAt(input) || input.button !== 0) return;
        if (!mayEdit()) return void allowEdit(); // says why
        const proposal = !input.shift && !input.alt ? proposalAt(input.x, input.y) : null;
        if (proposal) {
          const [id] = acceptProposals([proposal.id]);
          if (id) selectObject(id);
          return;
        }
        const op = input.shift ? 'add' : input.alt ? 'remove' : 'new';
        pending = pending.then(() => outlineAt(input.x, input.y, op)).catch((error) => notify('error', describeFailure('One click', error)));
      },
    };
  },
});
