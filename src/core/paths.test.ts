import { describe, expect, it } from 'vitest';
import { baseName, fileNameOf, portableFileName } from './paths';

describe('paths', () => {
  it('splits folders written with either slash, and keeps a hidden name whole', () => {
    expect(fileNameOf('a/b\\c.png')).toBe('c.png');
    expect(baseName('dir/x.tar.png')).toBe('x.tar');
    expect(baseName('.hidden')).toBe('.hidden');
  });

  it('makes names every system can create, leaving ordinary ones alone', () => {
    expect(portableFileName('MFGTMPcx7_170702000001_B14f07d0_objects.png')).toBe('MFGTMPcx7_170702000001_B14f07d0_objects.png');
    expect(portableFileName('a<b>c:d"e|f?g*h.png')).toBe('a_b_c_d_e_f_g_h.png');
    expect(portableFileName('..%2F..%2Fx.png')).toBe('..%2F..%2Fx.png');
    expect(portableFileName('../x\u0001.png')).toBe('.._x_.png');
    expect(portableFileName('name. ')).toBe('name');
    expect(portableFileName('...')).toBe('_');
    expect(portableFileName('CON.png')).toBe('_CON.png');
    expect(portableFileName('lpt1')).toBe('_lpt1');
    expect(portableFileName('console.png')).toBe('console.png');
  });
});
