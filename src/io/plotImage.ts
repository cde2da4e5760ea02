/** Plots (core/plots.ts) painted on a canvas, for PNG files. */
import { AXIS_COLOR, type Plot } from '../core/plots';

/** Paints the plot at `scale` (2 for a sharp PNG). */
function drawPlot(ctx: CanvasRenderingContext2D, { primitives }: Plot, scale: number): void {
  ctx.setTransform(scale, 0, 0, scale, 0, 0);
  for (const p of primitives) {
    if (p.kind === 'line') {
      ctx.beginPath();
      p.points.forEach(([x, y], i) => (i ? ctx.lineTo(x, y) : ctx.moveTo(x, y)));
      ctx.setLineDash(p.dash ? [4, 3] : []);
      ctx.strokeStyle = p.color;
      ctx.lineWidth = p.width;
      ctx.stroke();
    } else if (p.kind === 'rect') {
      ctx.globalAlpha = p.opacity ?? 1;
      ctx.fillStyle = p.color;
      ctx.fillRect(p.x, p.y, p.width, p.height);
      ctx.globalAlpha = 1;
    } else {
      ctx.save();
      ctx.translate(p.x, p.y);
      if (p.rotate) ctx.rotate(-Math.PI / 2);
      ctx.font = `${p.size}px system-ui, sans-serif`;
      ctx.textAlign = p.anchor === 'middle' ? 'center' : p.anchor;
      ctx.fillStyle = p.color ?? AXIS_COLOR;
      ctx.fillText(p.text, 0, 0);
      ctx.restore();
    }
  }
}

/** The plot as PNG bytes, drawn on a canvas of its own (no image element: nothing for the CSP to refuse). */
export async function plotToPng(plot: Plot, scale = 2): Promise<Blob> {
  const canvas = new OffscreenCanvas(plot.width * scale, plot.height * scale);
  drawPlot(canvas.getContext('2d') as unknown as CanvasRenderingContext2D, plot, scale);
  return canvas.convertToBlob({ type: 'image/png' });
}
