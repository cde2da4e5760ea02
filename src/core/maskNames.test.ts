import { describe, expect, it } from 'vitest';
import { splitFromPath } from './maskNames';

describe('split from a path', () => {
  it('reads the split from the parent folder', () => {
    expect(splitFromPath('aitslab-bioimaging1/train/a.png')).toBe('train');
    expect(splitFromPath('/data/Test/a.png')).toBe('test');
    expect(splitFromPath('images/a.png')).toBeUndefined();
    expect(splitFromPath('a.png')).toBeUndefined();
    expect(splitFromPath('stardist/train/images/a.tif')).toBe('train'); // StarDist's layout
    expect(splitFromPath('data/images/a.tif')).toBeUndefined();
  });
});
