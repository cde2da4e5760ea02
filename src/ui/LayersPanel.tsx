import { removeReferenceLayer, toggleReferenceLayers } from '../store/actions/layers';
import { useAppStore } from '../store/store';

/** The open image's reference layers: read-only objects from files, shown beside its own. */
export function LayersPanel() {
  const layers = useAppStore((state) => state.layers);
  const shown = useAppStore((state) => state.layersShown);
  if (layers.length === 0) return null;
  return (
    <section className="panel" aria-label="Reference layers">
      <h2>Reference layers</h2>
      <label className="checkbox">
        <input type="checkbox" checked={shown} onChange={toggleReferenceLayers} /> Show (dashed cyan, read-only)
      </label>
      <ul className="layer-list">
        {layers.map((layer) => (
          <li key={layer.id} data-testid="reference-layer">
            <span title={layer.name}>{layer.name}</span> <span className="hint">{layer.objects.length} objects</span>
            <button type="button" className="icon-button" aria-label={`Remove the reference layer ${layer.name}`} onClick={() => void removeReferenceLayer(layer.id)}>
              ×
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
