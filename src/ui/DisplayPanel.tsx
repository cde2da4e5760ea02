import { useMemo } from 'react';
import { DISPLAY_LIMITS, rangeOfHistogram, sampleRange, type DisplaySettings } from '../core/display';
import { autoContrast, resetDisplay, updateDisplay } from '../store/actions/project';
import { currentImage, useAppStore } from '../store/store';

/** Display settings of the open image. They change only what is shown, never the data. */
export function DisplayPanel() {
  const image = useAppStore(currentImage);
  const pixels = useAppStore((state) => state.pixels);
  // Sliders span the values the image actually has; the number fields accept the full range.
  const range = useMemo(() => (!pixels ? null : pixels.tiled ? rangeOfHistogram(pixels.histogram) : sampleRange(pixels.original ?? pixels.display)), [pixels]);
  if (!image || !range) return null;
  const settings = image.display;
  const maxValue = image.sourceBitDepth === 16 ? 65535 : 255;
  const sliderRange = { min: Math.min(range.min, settings.low), max: Math.max(range.max, settings.high) };
  return (
    <section className="panel" aria-label="Display">
      <h2>Display</h2>
      <p className="hint">Changes only what you see; pixel data and masks are untouched.</p>
      <WindowControl label="Black point" field="low" value={settings.low} max={maxValue} sliderRange={sliderRange} />
      <WindowControl label="White point" field="high" value={settings.high} max={maxValue} sliderRange={sliderRange} />
      <Slider label="Brightness" field="brightness" value={settings.brightness} step={0.01} {...DISPLAY_LIMITS.brightness} />
      <Slider label="Contrast" field="contrast" value={settings.contrast} step={0.05} {...DISPLAY_LIMITS.contrast} />
      <Slider label="Gamma" field="gamma" value={settings.gamma} step={0.05} {...DISPLAY_LIMITS.gamma} />
      <div className="panel-buttons">
        <button type="button" onClick={autoContrast} title="Window from the image's histogram, 0.35 % saturated">
          Auto contrast
        </button>
        <button type="button" onClick={resetDisplay} title="Back to the image's own window">
          Reset
        </button>
      </div>
    </section>
  );
}

interface SliderProps {
  label: string;
  field: keyof DisplaySettings;
  value: number;
  min: number;
  max: number;
  step: number;
}

function Slider({ label, field, value, min, max, step }: SliderProps) {
  return (
    <label className="slider">
      <span>{label}</span>
      <input
        type="range"
        aria-label={label}
        min={min}
        max={max}
        step={step}
        value={value}
        onChange={(event) => updateDisplay({ [field]: Number(event.target.value) })}
      />
      <output>{value.toFixed(2)}</output>
    </label>
  );
}

/** Window ends in original sample values: a slider for speed, a number field for precision. */
interface WindowControlProps {
  label: string;
  field: 'low' | 'high';
  value: number;
  max: number;
  sliderRange: { min: number; max: number };
}

function WindowControl({ label, field, value, max, sliderRange }: WindowControlProps) {
  const set = (text: string) => {
    const number = Number(text);
    if (text !== '' && Number.isFinite(number)) updateDisplay({ [field]: Math.min(max, Math.max(0, number)) });
  };
  return (
    <label className="slider">
      <span>{label}</span>
      <input
        type="range"
        aria-label={`${label} slider`}
        min={sliderRange.min}
        max={sliderRange.max}
        step={1}
        value={value}
        onChange={(event) => set(event.target.value)}
      />
      <input
        type="number"
        aria-label={label}
        className="number"
        min={0}
        max={max}
        step="any"
        value={Number.isInteger(value) ? value : Number(value.toFixed(2))}
        onChange={(event) => set(event.target.value)}
      />
    </label>
  );
}
