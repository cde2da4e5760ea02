import { useAppStore } from '../store/store';

export function IntakeProgress() {
  const intake = useAppStore((state) => state.intake);
  if (!intake) return null;
  return (
    <div className="intake-progress" role="status" aria-label="Import progress">
      <div>
        Adding {intake.current} ({intake.done} of {intake.total})
      </div>
      <progress max={intake.total} value={intake.done} />
    </div>
  );
}
