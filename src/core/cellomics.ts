/**
 * Cellomics (Thermo ArrayScan / CellInsight) image file names:
 * `<prefix>_<plate>_<well>f<field>d<channel>[.ext]`, e.g. `MFGTMPcx7_170702090001_A12f00d0.C01`
 * = plate 170702090001, well A12 (row A, column 12), field 0, channel 0.
 */

export interface CellomicsName {
  /** Everything before the plate, e.g. the instrument/protocol name "MFGTMPcx7" (may contain "_"). */
  prefix: string;
  /** Plate barcode as written, e.g. "170702090001". */
  plate: string;
  /** Well as written, row letters + column digits, e.g. "A12". */
  well: string;
  /** Row letters: A-P (up to 384-well plates) or AA-AF (1536-well plates, rows 27-32). */
  row: string;
  /** Column number, 1-based (1..48). */
  column: number;
  /** Field (site) index within the well, 0-based. */
  field: number;
  /** Channel index, 0-based (d0 is the first channel). */
  channel: number;
}

// Field has at least two digits; the extension, if any, is letters and digits after one dot.
const PATTERN = /^(.+)_([A-Za-z0-9-]+)_([A-P]|A[A-F])(\d{1,2})f(\d{2,})d(\d+)(?:\.[A-Za-z0-9]+)?$/;

/**
 * Splits a Cellomics file name into its parts, or returns null when the name does not have
 * that form exactly (e.g. `..._A12f00d0_objects.png`, a mask, gives null). Any folder part
 * ("a/b/" or "a\\b\\") is ignored; an extension is optional.
 */
export function parseCellomicsName(fileName: string): CellomicsName | null {
  const base = fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
  const match = PATTERN.exec(base);
  if (!match) return null;
  const [, prefix, plate, row, columnText, fieldText, channelText] = match;
  const column = Number(columnText);
  if (column < 1 || column > 48) return null;
  return {
    prefix,
    plate,
    well: row + columnText,
    row,
    column,
    field: Number(fieldText),
    channel: Number(channelText),
  };
}
