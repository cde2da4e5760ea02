import { useAppStore } from '../store/store';

/** The progress bar of a long task: bringing files in, exporting the project. */
export function ProgressBar() {
  const progress = useAppStore((state) => state.progress);
  if (!progress) return null;
  return (
    <div className="task-progress" role="status" aria-label="Progress">
      <div>
        {progress.verb} {progress.current} ({progress.done} of {progress.total})
      </div>
      <progress max={progress.total} value={progress.done} />
    </div>
  );
}
