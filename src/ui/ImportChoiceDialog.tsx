import { useState } from 'react';
import { answerImportChoice } from '../store/actions/layers';
import { useAppStore, type ImportChoice } from '../store/store';
import { Modal } from './Modal';

const CHOICES: Array<{ choice: ImportChoice; label: string; hint: string }> = [
  { choice: 'reference', label: 'Show as a reference layer', hint: 'read-only, drawn apart, never exported: to compare with' },
  { choice: 'add', label: 'Add to them', hint: 'the file’s objects on top of the image’s own' },
  { choice: 'replace', label: 'Replace them', hint: 'one undo step brings the old ones back' },
  { choice: 'skip', label: 'Skip this file', hint: 'nothing changes' },
];

/** Asked when annotation files come onto an image that has objects already: never a silent refusal. */
export function ImportChoiceDialog() {
  const question = useAppStore((state) => state.importQuestion);
  const [forAll, setForAll] = useState(false);
  if (!question) return null;
  const cancel = () => answerImportChoice('skip', false);
  return (
    <Modal title="The image has objects already" onClose={cancel} testId="import-choice">
      <p>
        <strong>{question.imageName}</strong> has {question.existing} objects. What should the {question.incoming} objects of <strong>{question.fileName}</strong> do?
      </p>
      <div className="choice-buttons">
        {CHOICES.map(({ choice, label, hint }) => (
          <button key={choice} type="button" onClick={() => answerImportChoice(choice, forAll)} data-autofocus={choice === 'reference' || undefined}>
            <strong>{label}</strong>
            <span className="hint">{hint}</span>
          </button>
        ))}
      </div>
      <label className="checkbox">
        <input type="checkbox" checked={forAll} onChange={(event) => setForAll(event.target.checked)} /> The same for the other files of this import
      </label>
    </Modal>
  );
}
