/**
 * A corpus of hostile and awkward files, generated (nothing copied): corrupt, truncated, lying
 * headers, decompression bombs, unsupported variants, pictures posing as masks, malformed XML,
 * and odd but valid names. Each says how it is read (as an image, a mask of its `host` image,
 * or CVAT XML) and whether it must be imported or refused. Used by the CLI test, the browser
 * test and `npm run --silent hostile-corpus -- write <dir>`.
 */
import { encodeC01 } from '../formats/c01';
import { encodePng } from '../formats/png';
import { pngChunk } from '../formats/pngLabels';
import { writeTiff } from '../formats/tiffWriter';
import { deflateZlib } from '../formats/zlib';
import { createRng } from '../random';
import { antiAliasedDiscs, THREE_DISCS } from './antiAliased';
import { c01Container, plainC01 } from './c01Files';
import { writeGrayJpeg } from './grayJpeg';
import { encodeLzw } from './lzw';

export interface CorpusFile {
  name: string;
  bytes: Uint8Array;
  /** How it is read: 'mask' files belong to the image named `host`. */
  kind: 'image' | 'mask' | 'cvat';
  host?: string;
  /** Whether it must come in, or be refused with a message naming it. */
  expect: 'imported' | 'refused';
  /** What is wrong with it (or odd about it), for reports. */
  about: string;
}

const BOMB_BYTES = 64 * 2 ** 20;

function gray(width: number, height: number, seed = 1): Uint8Array {
  const rng = createRng(seed);
  return encodePng({ width, height, channels: 1, bitDepth: 8, data: Uint8Array.from({ length: width * height }, () => rng.int(0, 255)) });
}

/** A PNG of `width` x `height` 8-bit gray whose single IDAT holds `inflated` bytes. */
function pngWithIdat(width: number, height: number, inflated: Uint8Array): Uint8Array {
  const header = new Uint8Array(13);
  new DataView(header.buffer).setUint32(0, width);
  new DataView(header.buffer).setUint32(4, height);
  header.set([8, 0, 0, 0, 0], 8);
  const parts = [Uint8Array.of(137, 80, 78, 71, 13, 10, 26, 10), pngChunk('IHDR', header), pngChunk('IDAT', deflateZlib(inflated, 1)), pngChunk('IEND', new Uint8Array(0))];
  const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  parts.reduce((at, part) => (out.set(part, at), at + part.length), 0);
  return out;
}

function withByte(bytes: Uint8Array, at: number, value: number): Uint8Array {
  const copy = bytes.slice();
  copy[at] = value;
  return copy;
}

const text = (s: string) => new TextEncoder().encode(s);

function cvat(imageXml: string): Uint8Array {
  return text(`<?xml version="1.0" encoding="utf-8"?>\n<annotations><version>1.1</version>${imageXml}</annotations>\n`);
}

export function hostileCorpus(): CorpusFile[] {
  const small = gray(32, 32);
  const jpeg = writeGrayJpeg(16, 16, new Uint8Array(256).fill(90));
  const sof = jpeg.findIndex((b, i) => b === 0xff && jpeg[i + 1] === 0xc0);
  const tiff = writeTiff({ width: 8, height: 8, bits: 8, data: new Array(64).fill(7) });
  const zeros = new Uint8Array(BOMB_BYTES);
  const image = (name: string, bytes: Uint8Array, expect: CorpusFile['expect'], about: string): CorpusFile => ({ name, bytes, kind: 'image', expect, about });
  const mask = (name: string, host: string, bytes: Uint8Array, about: string): CorpusFile => ({ name, bytes, kind: 'mask', host, expect: 'refused', about });
  const xml = (name: string, bytes: Uint8Array, about: string): CorpusFile => ({ name, bytes, kind: 'cvat', expect: 'refused', about });
  const hugeFrame = writeGrayJpeg(8, 8, new Uint8Array(64), { frameWidth: 30000, frameHeight: 30000 });
  return [
    image('empty.png', new Uint8Array(0), 'refused', 'zero bytes'),
    image('noise.png', Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919) & 0xff), 'refused', 'random bytes named .png'),
    image('truncated.png', small.subarray(0, small.length >> 1), 'refused', 'cut in half'),
    image('bad-crc.png', withByte(small, 40, small[40] ^ 0xff), 'refused', 'a flipped byte in IDAT'),
    image('huge-header.png', pngWithIdat(30000, 30000, new Uint8Array(30001)), 'refused', 'header claims 30000 x 30000'),
    image('bomb.png', pngWithIdat(100, 100, zeros), 'refused', '100 x 100 header, IDAT inflating to 64 MB'),
    image('bomb-deflate.tif', writeTiff({ width: 100, height: 100, bits: 8, data: [], strip: { compression: 8, bytes: deflateZlib(zeros, 1) } }), 'refused', '100 x 100 header, a Deflate strip inflating to 64 MB'),
    image('bomb-lzw.tif', writeTiff({ width: 100, height: 100, bits: 8, data: [], strip: { compression: 5, bytes: encodeLzw(zeros.subarray(0, 2 ** 20)) } }), 'refused', '100 x 100 header, an LZW strip decoding to 1 MB'),
    image('huge-header.tif', writeTiff({ width: 30000, height: 30000, bits: 16, data: [1] }), 'refused', 'header claims 30000 x 30000 x 16 bit'),
    image('float.tif', writeTiff({ width: 4, height: 4, bits: 32, sampleFormat: 3, data: new Array(16).fill(0.5) }), 'refused', '32-bit float samples'),
    image('truncated.tif', tiff.subarray(0, 40), 'refused', 'cut inside its directory'),
    image('cmyk.jpg', withByte(jpeg, sof + 9, 4), 'refused', 'frame claims 4 components (CMYK)'),
    image('huge-frame.jpg', hugeFrame, 'refused', 'frame claims 30000 x 30000'),
    image('truncated.jpg', jpeg.subarray(0, jpeg.length >> 1), 'refused', 'cut in half'),
    image('huge.C01', c01Container(plainC01(30000, 30000, 100)), 'refused', 'header claims 30000 x 30000'),
    image('bomb.C01', c01Container(plainC01(10, 10, BOMB_BYTES)), 'refused', '10 x 10 header, stream inflating to 64 MB'),
    image('text.tif', text('just some text, not a TIFF'), 'refused', 'text named .tif'),
    image('....png', gray(16, 16, 2), 'imported', 'a name of dots'),
    image('..%2F..%2Fescape.png', gray(16, 16, 3), 'imported', 'a name that decodes to a path'),
    image('c01-ok.C01', encodeC01({ width: 4, height: 4, channels: 1, bitDepth: 16, data: Uint16Array.from({ length: 16 }, (_, i) => i * 100) }), 'imported', 'a small valid .C01'),
    image('host-soft.png', gray(96, 96, 4), 'imported', 'the image of a picture posing as a mask'),
    image('host-deep.png', gray(32, 32, 5), 'imported', 'the image of a 16-bit colour mask'),
    mask('host-soft_objects.png', 'host-soft.png', encodePng({ width: 96, height: 96, channels: 3, bitDepth: 8, data: antiAliasedDiscs(96, THREE_DISCS) }), 'anti-aliased discs, not a mask'),
    mask('host-deep_objects.png', 'host-deep.png', encodePng({ width: 32, height: 32, channels: 3, bitDepth: 16, data: new Uint16Array(32 * 32 * 3).fill(300) }), '16-bit colour'),
    xml('broken.xml', text('<annotations><image id="0" name="a.png" width="4" height="4"><polygon points="0,0;1,1'), 'not well-formed, cut off'),
    xml('not-cvat.xml', text('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"></svg>'), 'XML, but not CVAT'),
    xml('huge-image.xml', cvat('<image id="0" name="a.png" width="100000" height="100000"><polygon label="nucleus" points="0,0;10,0;10,10" /></image>'), 'an image of 100000 x 100000 px'),
    { name: 'nested.xml', bytes: text(`<annotations>${'<a>'.repeat(200_000)}${'</a>'.repeat(200_000)}</annotations>`), kind: 'cvat', expect: 'imported', about: '200,000 nested elements, read without recursion (no images in it)' },
    { name: 'degenerate.xml', bytes: cvat('<image id="0" name="c01-ok.C01" width="4" height="4"><polygon label="nucleus" points="0,0;3,0;3,3" /><polygon label="nucleus" points="1,1;2,2" /><polygon label="nucleus" points="0,0;1e308,0;0,1e308" /><polygon label="nucleus" points="10,10;12,10;12,12" /></image>'), kind: 'cvat', expect: 'imported', about: 'polygons of 2 vertices, huge coordinates, outside the image: clipped, or skipped and counted' },
    xml('laughs.xml', text(`<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from({ length: 8 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('')}]><annotations>&lol8;</annotations>`), 'entity expansion (billion laughs)'),
  ];
}
