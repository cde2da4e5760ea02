import { currentImage, useAppStore } from '../store/store';
import { describeCellomics, describeSize } from './describeImage';

const FORMAT_NAMES = { png: 'PNG', jpeg: 'JPEG', tiff: 'TIFF', c01: 'Cellomics .C01', generated: 'generated demo' };

/** Facts about the open image: file, format, plate/well/field, normalization window. */
export function ImageInfo() {
  const image = useAppStore(currentImage);
  if (!image) return null;
  const cellomics = describeCellomics(image);
  return (
    <section className="panel" aria-label="Image">
      <h2>Image</h2>
      <div className="info-name" data-testid="info-name" title={image.name}>
        {image.name}
      </div>
      <dl className="facts">
        <dt>Format</dt>
        <dd>{FORMAT_NAMES[image.format]}</dd>
        <dt>Size</dt>
        <dd>{describeSize(image)}</dd>
        {cellomics && (
          <>
            <dt>Plate</dt>
            <dd data-testid="info-plate">{image.cellomics!.plate}</dd>
            <dt>Well</dt>
            <dd data-testid="info-well">{image.cellomics!.well}</dd>
            <dt>Field</dt>
            <dd>{image.cellomics!.field}</dd>
            <dt>Channel</dt>
            <dd>{image.cellomics!.channel}</dd>
          </>
        )}
        {image.normalization && (
          <>
            <dt title="0.1 / 99.9 percentile window used to make the 8-bit image">Normalized</dt>
            <dd data-testid="info-normalization">
              {formatValue(image.normalization.low)} – {formatValue(image.normalization.high)}
            </dd>
          </>
        )}
      </dl>
    </section>
  );
}

function formatValue(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}
