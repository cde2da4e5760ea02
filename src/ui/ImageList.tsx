import { memo, useEffect, useRef } from 'react';
import { STATUSES, type ImageStatus } from '../core/review/status';
import type { ImageRecord } from '../core/project';
import { askToRemove, setStatusFilter } from '../store/actions/panels';
import { openImage, removeDemoImages } from '../store/actions/project';
import { useAppStore } from '../store/store';
import { describeCellomics, describeSize } from './describeImage';
import { Thumbnail } from './Thumbnail';

/** The project's images: thumbnail, name, plate/well/field, size, object count and status. */
export function ImageList() {
  const allImages = useAppStore((state) => state.images);
  const currentId = useAppStore((state) => state.currentId);
  const filter = useAppStore((state) => state.statusFilter);
  const images = filter === 'all' ? allImages : allImages.filter((image) => image.status === filter);
  const hasDemo = allImages.some((image) => image.demo);
  return (
    <div className="image-list">
      <h2>
        Images <span className="count">{allImages.length}</span>
      </h2>
      <select className="status-filter" aria-label="Show images" value={filter} onChange={(event) => setStatusFilter(event.target.value as ImageStatus | 'all')}>
        <option value="all">all statuses</option>
        {STATUSES.map((status) => (
          <option key={status} value={status}>
            {status} ({allImages.filter((image) => image.status === status).length})
          </option>
        ))}
      </select>
      {hasDemo && (
        <div className="demo-banner">
          Demo images, generated for trying the app.
          <button type="button" onClick={() => void removeDemoImages()}>
            Remove demo images
          </button>
        </div>
      )}
      <ul role="listbox" aria-label="Project images">
        {images.map((image) => (
          <ImageRow key={image.id} image={image} selected={image.id === currentId} />
        ))}
      </ul>
    </div>
  );
}

const ImageRow = memo(function ImageRow({ image, selected }: { image: ImageRecord; selected: boolean }) {
  const ref = useRef<HTMLLIElement>(null);
  useEffect(() => {
    if (selected) ref.current?.scrollIntoView({ block: 'nearest' });
  }, [selected]);
  const cellomics = describeCellomics(image);
  return (
    <li
      ref={ref}
      role="option"
      aria-selected={selected}
      className={selected ? 'image-row selected' : 'image-row'}
      data-testid="image-row"
      data-name={image.name}
      onClick={() => void openImage(image.id)}
    >
      <Thumbnail raster={image.thumbnail} label={`Thumbnail of ${image.name}`} />
      <div className="image-row-text">
        <div className="image-name" title={image.name}>
          {image.name}
        </div>
        {cellomics && <div className="image-meta">{cellomics}</div>}
        <div className="image-meta">{describeSize(image)}</div>
        <div className="image-meta">
          <span data-testid="image-object-count">{image.objectCount === 1 ? "1 object" : `${image.objectCount} objects`}</span> · <span className={`status-badge status-${image.status.replace(' ', '-')}`} data-testid="image-status-badge">{image.status}</span>
        </div>
      </div>
      <button
        type="button"
        className="icon-button remove"
        title={`Remove ${image.name}`}
        aria-label={`Remove ${image.name}`}
        onClick={(event) => {
          event.stopPropagation();
          askToRemove([image.id]);
        }}
      >
        ×
      </button>
    </li>
  );
});
