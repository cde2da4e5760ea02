import { reviewOrder, selectProposal, setDetectMethod } from '../store/actions/proposals';
import { centreOnPoint } from '../store/actions/view';
import { useAppStore } from '../store/store';
import { objectBox } from '../core/geometry';
import { ActionButton } from './ActionButton';

/** Rows of the review queue shown at once (the rest are reached with P). */
const LISTED = 8;

/** The detector's proposals on the open image, in review order, and what to do with them. */
export function ProposalsPanel() {
  const proposals = useAppStore((state) => state.proposals);
  const selected = useAppStore((state) => state.selectedProposalId);
  const method = useAppStore((state) => state.detectMethod);
  const hasImage = useAppStore((state) => state.objectsImageId !== null);
  if (!hasImage) return null;
  const ordered = reviewOrder(proposals);
  return (
    <section className="panel" aria-label="Proposals">
      <h2>
        Proposals <span className="count" data-testid="proposal-count">{proposals.length}</span>
      </h2>
      <label className="slider">
        <span>Detector</span>
        <select aria-label="Detector" value={method} onChange={(event) => setDetectMethod(event.target.value as 'model' | 'classical')}>
          <option value="model">nucleus model (shipped)</option>
          <option value="classical">classical (threshold, watershed)</option>
        </select>
      </label>
      <div className="panel-buttons">
        <ActionButton id="detect-project" />
        <ActionButton id="accept-all" />
        <ActionButton id="reject-all" />
      </div>
      {proposals.length > 0 && (
        <>
          <div className="panel-buttons">
            <ActionButton id="next-proposal" />
            <ActionButton id="accept-proposal" />
            <ActionButton id="reject-proposal" />
          </div>
          <ul className="proposal-list" aria-label="Proposals to review">
            {ordered.slice(0, LISTED).map((proposal) => (
              <li
                key={proposal.id}
                data-testid="proposal-row"
                className={proposal.id === selected ? 'selected' : undefined}
                onClick={() => {
                  selectProposal(proposal.id);
                  const box = objectBox(proposal.rings);
                  centreOnPoint((box.minX + box.maxX) / 2, (box.minY + box.maxY) / 2);
                }}
              >
                {proposal.area} px · confidence {proposal.confidence.toFixed(2)}
              </li>
            ))}
            {ordered.length > LISTED && <li className="hint">… {ordered.length - LISTED} more (P)</li>}
          </ul>
        </>
      )}
      {proposals.length === 0 && <p className="hint">Detect all (Shift+D) proposes every nucleus; One click (K) outlines the one you click.</p>}
    </section>
  );
}
