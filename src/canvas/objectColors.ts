/**
 * Display colours: a fixed palette of well-separated hues, one per object chosen from its id.
 * A fixed palette lets thousands of objects be drawn in a few batched paths (one per colour)
 * instead of one fill per object.
 */
export const PALETTE = [
  '#ff4d4d', '#4dff88', '#4d9dff', '#ffd24d', '#ff4dff', '#4dffff', '#ff9a4d', '#9a4dff',
  '#b3ff4d', '#ff4d9a', '#4dffc9', '#4d5cff', '#ffe699', '#99ffb3', '#99c2ff', '#ff99cc',
  '#e6ff99', '#c299ff', '#ffb380', '#80ffe6', '#ff8080', '#80b3ff', '#d9ff80', '#ff80d9',
];

/** Palette index of an object: a string hash of its id, so it never changes. */
export function colorIndex(id: string): number {
  let hash = 2166136261;
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 16777619);
  return (hash >>> 0) % PALETTE.length;
}

export const SELECTED_COLOR = '#ffffff';
export const FLAG_COLOR = '#ff3030';
export const DRAFT_COLOR = '#ffe14d';
