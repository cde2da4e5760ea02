import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCellomicsName } from './cellomics';
import { sharedDataDir } from './testing/sharedData';

const dir = sharedDataDir();

describe('parseCellomicsName', () => {
  it('splits the dataset names, with or without extension', () => {
    const expected = { prefix: 'MFGTMPcx7', plate: '170702090001', well: 'A12', row: 'A', column: 12, field: 0, channel: 0 };
    expect(parseCellomicsName('MFGTMPcx7_170702090001_A12f00d0.png')).toEqual(expected);
    expect(parseCellomicsName('MFGTMPcx7_170702090001_A12f00d0.C01')).toEqual(expected);
    expect(parseCellomicsName('MFGTMPcx7_170702090001_A12f00d0')).toEqual(expected);
    expect(parseCellomicsName('some/folder/MFGTMPcx7_170702090001_A12f00d0.tif')).toEqual(expected);
    expect(parseCellomicsName('C:\\data\\MFGTMPcx7_170702090001_A12f00d0.C01')).toEqual(expected);
  });

  it('reads fields, channels, 1536-well rows and prefixes containing underscores', () => {
    expect(parseCellomicsName('MFGTMPcx7_170731090001_I12f07d0.png')).toMatchObject({ well: 'I12', row: 'I', column: 12, field: 7, channel: 0 });
    expect(parseCellomicsName('my_screen_P1_P24f123d3.C01')).toEqual({ prefix: 'my_screen', plate: 'P1', well: 'P24', row: 'P', column: 24, field: 123, channel: 3 });
    expect(parseCellomicsName('X_1_AF48f01d12.C01')).toMatchObject({ well: 'AF48', row: 'AF', column: 48, field: 1, channel: 12 });
    expect(parseCellomicsName('X_1_B3f00d1')).toMatchObject({ well: 'B3', column: 3, channel: 1 });
  });

  it('returns null for names that do not fit', () => {
    for (const name of [
      'MFGTMPcx7_170702090001_A12f00d0_objects.png', // a mask
      'MFGTMPcx7_170702090001_A12f0d0.png', // one-digit field
      'MFGTMPcx7_170702090001_Q12f00d0.png', // row Q does not exist
      'MFGTMPcx7_170702090001_A00f00d0.png', // column 0
      'MFGTMPcx7_170702090001_A49f00d0.png', // column 49
      '170702090001_A12f00d0.png', // no prefix
      'MFGTMPcx7_170702090001_A12f00.png', // no channel
      'image.png',
      '',
    ]) {
      expect(parseCellomicsName(name), name).toBeNull();
    }
  });
});

describe.skipIf(!dir)('parseCellomicsName on the dataset file names', () => {
  it('parses every image name and no mask name', () => {
    for (const split of ['train', 'dev', 'test']) {
      for (const name of readdirSync(join(dir!, 'aitslab-bioimaging1', split))) {
        const parsed = parseCellomicsName(name);
        if (name.endsWith('_objects.png')) expect(parsed, name).toBeNull();
        else expect(parsed, name).toMatchObject({ prefix: 'MFGTMPcx7', channel: 0 });
      }
    }
  });
});
