import { useRef, type ChangeEvent } from 'react';
import { SUPPORTED_EXTENSIONS } from '../core/formats/extensions';
import { importPicked } from '../store/actions/intake';

/**
 * "Add images", "Add folder" and "Import…" buttons backed by hidden file inputs. "Import…" takes
 * annotation files and project bundles alike (bundles are recognized by their content), so the
 * toolbar keeps to one line.
 */
export function FilePickers() {
  const filesInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const annotationsInput = useRef<HTMLInputElement>(null);

  function onChange(event: ChangeEvent<HTMLInputElement>, inFolder: boolean) {
    const files = [...(event.target.files ?? [])];
    event.target.value = ''; // picking the same files again must fire again
    void importPicked(files, inFolder);
  }

  return (
    <>
      <button type="button" onClick={() => filesInput.current?.click()} title="Add image files (PNG, JPEG, TIFF, Cellomics .C01)">
        Add images
      </button>
      <button type="button" onClick={() => folderInput.current?.click()} title="Add every image in a folder">
        Add folder
      </button>
      <button
        type="button"
        onClick={() => annotationsInput.current?.click()}
        title="Import annotations onto the project's images, paired by name (masks, label images, CVAT XML, COCO JSON, GeoJSON, ImageJ ROI sets), or a project bundle (.zip: images, objects and review, merged with what is here)"
      >
        Import…
      </button>
      <input
        ref={annotationsInput}
        data-testid="annotations-input"
        type="file"
        multiple
        accept=".png,.tif,.tiff,.xml,.json,.geojson,.zip"
        hidden
        onChange={(event) => onChange(event, false)}
      />
      <input
        ref={filesInput}
        data-testid="file-input"
        type="file"
        multiple
        accept={SUPPORTED_EXTENSIONS.join(',')}
        hidden
        onChange={(event) => onChange(event, false)}
      />
      <input
        ref={folderInput}
        data-testid="folder-input"
        type="file"
        hidden
        onChange={(event) => onChange(event, true)}
        {...{ webkitdirectory: '', directory: '' }}
      />
    </>
  );
}
