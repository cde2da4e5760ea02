import { setOverlayMode, setOverlayOpacity } from '../store/actions/objectCommands';
import { useAppStore, type OverlayMode } from '../store/store';

const MODES: { mode: OverlayMode; label: string }[] = [
  { mode: 'fill', label: 'Fill' },
  { mode: 'outline', label: 'Outline' },
  { mode: 'hidden', label: 'Hidden' },
];

/** How objects are drawn over the image (V cycles the mode). */
export function OverlayPanel() {
  const overlay = useAppStore((state) => state.overlay);
  return (
    <section className="panel" aria-label="Overlay">
      <h2>Overlay</h2>
      <div className="segmented" role="radiogroup" aria-label="Overlay mode">
        {MODES.map(({ mode, label }) => (
          <button key={mode} type="button" role="radio" aria-checked={overlay.mode === mode} className={overlay.mode === mode ? 'active' : ''} onClick={() => setOverlayMode(mode)}>
            {label}
          </button>
        ))}
      </div>
      <label className="slider">
        <span>Fill opacity</span>
        <input type="range" aria-label="Fill opacity" min={0} max={1} step={0.05} value={overlay.opacity} onChange={(event) => setOverlayOpacity(Number(event.target.value))} />
        <output>{Math.round(overlay.opacity * 100)} %</output>
      </label>
    </section>
  );
}
