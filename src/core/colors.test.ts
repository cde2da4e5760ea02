import { describe, expect, it } from 'vitest';
import { schemeColors, vocColor, vocIndex } from './colors';

const rgb = (c: number) => [c >> 16, (c >> 8) & 0xff, c & 0xff];

describe('colour schemes', () => {
  it('VOC: the Pascal VOC colour map', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 15, 16, 255].map((n) => rgb(vocColor(n)))).toEqual([
      [0, 0, 0], [128, 0, 0], [0, 128, 0], [128, 128, 0], [0, 0, 128], [128, 0, 128], [0, 128, 128],
      [128, 128, 128], [64, 0, 0], [192, 0, 0], [192, 128, 128], [0, 64, 0], [224, 224, 192],
    ]);
  });

  it('VOC past 255: the same map continues, a bijection (unique colours, invertible)', () => {
    const seen = new Set<number>();
    for (let n = 0; n < 1 << 16; n++) {
      const colour = vocColor(n);
      expect(vocIndex(colour)).toBe(n);
      seen.add(colour);
    }
    expect(seen.size).toBe(1 << 16);
    expect(vocIndex(0xffffff)).toBe((1 << 24) - 1);
    expect(schemeColors('voc', 256, 'a').warnings).toHaveLength(1);
    expect(schemeColors('voc', 255, 'a').warnings).toEqual([]);
  });

  it('random: deterministic per image base name, unique, never dark', () => {
    const a = schemeColors('random', 500, 'plate/MFGTMPcx7_170702000001_B14f07d0.png').colors;
    expect(schemeColors('random', 500, 'MFGTMPcx7_170702000001_B14f07d0.C01').colors).toEqual(a);
    expect(schemeColors('random', 10, 'MFGTMPcx7_170702000001_B14f07d0.png').colors).toEqual(a.subarray(0, 11)); // prefix-stable
    expect(schemeColors('random', 500, 'another.png').colors).not.toEqual(a);
    expect(a[0]).toBe(0);
    expect(new Set(a.subarray(1)).size).toBe(500);
    for (const colour of a.subarray(1)) expect(Math.max(...rgb(colour))).toBeGreaterThanOrEqual(178);
  });

  it('random: neighbouring object numbers get clearly different hues', () => {
    const colors = schemeColors('random', 50, 'x.png').colors;
    for (let n = 1; n < 50; n++) {
      const [a, b] = [rgb(colors[n]), rgb(colors[n + 1])];
      expect(Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]), `objects ${n} and ${n + 1}`).toBeGreaterThan(60);
    }
  });
});
