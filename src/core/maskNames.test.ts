import { describe, expect, it } from 'vitest';
import { maskTargetBase, splitFromPath } from './maskNames';

describe('mask file names', () => {
  it('pairs masks with their image by base name', () => {
    expect(maskTargetBase('MFGTMPcx7_170702000001_B14f07d0_objects.png')).toBe('MFGTMPcx7_170702000001_B14f07d0');
    expect(maskTargetBase('a_label16.tif')).toBe('a');
    expect(maskTargetBase('cells_masks.PNG')).toBe('cells');
    expect(maskTargetBase('MFGTMPcx7_170702000001_B14f07d0.png')).toBeNull();
    expect(maskTargetBase('objects.png')).toBeNull();
  });

  it('reads the split from the parent folder', () => {
    expect(splitFromPath('aitslab-bioimaging1/train/a.png')).toBe('train');
    expect(splitFromPath('/data/Test/a.png')).toBe('test');
    expect(splitFromPath('images/a.png')).toBeUndefined();
    expect(splitFromPath('a.png')).toBeUndefined();
  });
});
