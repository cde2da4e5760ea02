import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importMask } from '../mask/importMask';
import { rasterizeShapes } from '../mask/rasterize';
import { errorOf } from '../testing/errors';
import { datasetMaskFiles, sharedDataDir } from '../testing/sharedData';
import { zipToBytes } from '../zip';
import { encodeRoi } from './imagejRoi';
import { imagejRoiZip } from './imagejRoiZip';
import type { InterchangeImage, InterchangeObject } from './types';

const dir = sharedDataDir();
const encode = (image: InterchangeImage) => imagejRoiZip.encode!(image, {});
const decode = (bytes: Uint8Array, expected?: { width: number; height: number }, name = 'cells_rois.zip') => imagejRoiZip.decode!(name, bytes, expected);
const pixels = (objects: readonly InterchangeObject[], width: number, height: number) => Array.from(rasterizeShapes(objects, width, height).labels);
const square = (x: number, y: number, size: number) => [x, y, x + size, y, x + size, y + size, x, y + size];

/**
 * A ROI set written by ImageJ 1.54u7 itself (RoiEncoder, built from its source): an integer
 * polygon with edges through pixel centres, a sub-pixel polygon, a rectangle, an oval, a line,
 * points, a composite with a hole, a composite of two ovals (ImageJ stores them as polygons), a
 * composite ellipse (curves), a spline-fit polygon, a wand-traced outline, a sub-pixel oval,
 * text and an EllipseRoi. IMAGEJ_FILL is what ImageJ filled for each of them this app reads
 * (ShortProcessor.fill(roi), in order, 40 x 30).
 */
const IMAGEJ_SET = 'UEsDBBQACAgIAJRqgl0AAAAAAAAAAAAAAAAOAAAAMDEtUG9seWdvbi5yb2nzzC8tYXjKwMDAyMDEwMHAycDMQArwAWJ2sB5GII0JeoCYi2jTDBgMGXQZAhjyGXIYKhnSgXQeAFBLBwhwUzHzOAAAAKAAAABQSwMEFAAICAgAlGqCXQAAAAAAAAAAAAAAAA4AAAAwMi1Qb2x5Z29uLnJvafPMLy1heMrAwMDIwM3AySDMwMJACDQgsQuAmJ2BDagbZAKQ5WjCwOA4BYjbgNhx5iz7AwwMDgJANs+Zsw4vZ87CYt4GIOYiaCsMGDAYMegyBDDkM+QwVDKkA+k8AFBLBwgPTPC3XQAAAMQAAABQSwMEFAAICAgAlGqCXQAAAAAAAAAAAAAAABAAAAAwMy1SZWN0YW5nbGUucm9p88wvLWF4ysjAwMggwsDKIMVAGnDAItYAxDxEm2DAYMygyxDEkMqQzFDCkMiQx5DOkMOQCgBQSwcIvqTWCTUAAACYAAAAUEsDBBQACAgIAJRqgl0AAAAAAAAAAAAAAAALAAAAMDQtT3ZhbC5yb2nzzC8tYXjKxMDAyCDDwMGgykAacMAi1gDE7ESbYMBgwqDL4M9QxpDIkAMAUEsHCGBewI8rAAAAjgAAAFBLAwQUAAgICACUaoJdAAAAAAAAAAAAAAAAFAAAADA1LVN0cmFpZ2h0X0xpbmUucm9p88wvLWF4yszAwMPAyMDPwM3AYN/AwODoAMQKQJzAgB84YBED6mcQIKAPAQwYTBl0GYIZShiKGBIZMhnSGTKA7HgGHyA7jyEVAFBLBwjF8avsSQAAAKAAAABQSwMEFAAICAgAlGqCXQAAAAAAAAAAAAAAAAwAAAAwNi1Qb2ludC5yb2nzzC8tYXjKxcAgwsDMIM7AxsDEgA4Y0fgNSOwIIAbpYHJwYGBwWMDA4AjCGzDMAIEZQMyBVQYCVqDwDBjMGHQZAhjyGTIZ8hhKYMIAUEsHCOarjFVMAAAAsAAAAFBLAwQUAAgICACUaoJdAAAAAAAAAAAAAAAAEAAAADA3LUNvbXBvc2l0ZS5yb2nzzC8tYXjKyMAgwMDIIMXAzYAdSOEQXwEiHEF4BgODfQOUvQPCdmhAY8+A0CAAVtsAocHsC1DaAI3dgNCDBl4AMQ8Od2ECAwZzBl0GZ4Z8hlyGAiBZzJDJUMKQCgBQSwcItyR7s10AAAAAAQAAUEsDBBQACAgIAJRqgl0AAAAAAAAAAAAAAAAQAAAAMDgtQ29tcG9zaXRlLnJvafPMLy1heMrIwCDAwMsgxiDFgB14YRdmzACRjhuAuIGBwb4Byu6AslegsRcgqUFmr4CyT6CxYWouoLE7kNQgs4G0QwPEZY4JSG5KQFIXgMZegaQGmb0Byp6AxoapmYHG7kBSg8xGchNa2AF1M/DgCG9MYMBgwaDL4MyQz5DLUAAkixkyGUoYUgFQSwcIHTus34gAAADAAQAAUEsDBBQACAgIAJRqgl0AAAAAAAAAAAAAAAAQAAAAMDktQ29tcG9zaXRlLnJvafPMLy1heMrIwMAIhKwMbAzYgQIO8QMgwgFIOjhAMYjdHLHIYY7eKYcFQHYCEC+AyrEvygKx7RsgasA0VB+Ibf9pbgVIDVg8AaoOJA80C8w+AFUDs68Bm5MYQQQPDvdiAgMGSwZdBmeGfIZchgIgWcyQyVDCkAoAUEsHCOuwIT53AAAAGAEAAFBLAwQUAAgICACUaoJdAAAAAAAAAAAAAAAADgAAADEwLVBvbHlnb24ucm9p88wvLWF4ysDAwMkgzSDEoMrAzEAINCKxU4CYg4GVgRGoj8PxAQODkwAQszAwOCoAsQMQd2A1YwkQcxG0CQYMGQwYdBkCGPIZchgqGdKBdB4AUEsHCG8rQZpRAAAAuAAAAFBLAwQUAAgICACUaoJdAAAAAAAAAAAAAAAADQAAADExLVRyYWNlZC5yb2nzzC8tYXjKwcAgwiDHIM2gwsDGQAqIAKpnBkIQYGNgB0IYDxPMAGJOok02BEJdhhCGIoZEhmSGVIYUAFBLBwgYLfeWOwAAAKoAAABQSwMEFAAICAgAlGqCXQAAAAAAAAAAAAAAAAsAAAAxMi1PdmFsLnJvafPMLy1heMrEwCDOwMMgyyDCwODoAcS7GBgcPgDxBgZM0IDEdsAhz45FHDswZDBi0GXwZyhjSGTIAQBQSwcIjQzpMDoAAACOAAAAUEsDBBQACAgIAJRqgl0AAAAAAAAAAAAAAAALAAAAMTMtVGV4dC5yb2nzzC8tYXjKyMAgwSDGoMmgwkAIMKLwcoCYB8rmBGJmhmCGRIY8hmIgncpQxJDJkMbgASS5cJi2BojZCdoJA4YMxgy6DCFAkysYSgBQSwcIWQV99EsAAAC6AAAAUEsDBBQACAgIAJRqgl0AAAAAAAAAAAAAAAAPAAAAMTQtRnJlZWhhbmQucm9pjVPPS1RRGP1mXjNOz5T80TzJmkkKVxkEES7Sud8nxUybWlaLIlEQEUdigiIJUXQ2EYpLIdz0L1QbY2rohwQtStrMBBYF5aLe+KO0Qeye+2DGCanu4XG5957vnPPd914ieT1Fn6uIghQhm1opzi4RE5E0efMfw6KRWHkxS6FtqCohaBAw2GVgGfgNfCXsPMrnHt+r9XQ8TU+/7FfOsL3Cqqj8Gyr5/hJ8Ffj3qORrBdyiOG6/OE+ei5NKihMqSnikQ/bl9NMck0Z+JA3nz0l9PC91bZdlr+bXZqul5saS7DkSFftFl+zu2ZSQ3g/OWBJonxMr90H86bD4Tq2JNuXN+11cHEzwxpVu/jk8yWvzo7yaGOflrTQXvtlccA6zO5xiN3rUvF0z6zX2cQ4e+KhDPXSgp3Whb3zgB1/4IwfyIBfyISfyIjfyow/0g77QH/pEv+gb/Zt7wH24/fjC2D9f5MDdNIfiMbYLC1wz4bDW4fpLc9w49ZDDs/e4aWyI95+8zc0PbvFBusmRuh8c+fKeo2N3OLq4wIc0HzPW2Mc5eOCjDvXQgR50oQ8f+MEX/sih86hfA7Za/biividH1dKBC+rTylu1qPdzZyfUu/yUevM4q15vtKhX05Z6OW2rZ1u1KptvUE+PnVaZ9a8q03lRZTTfzHqNfZyDBz7qUA8d6EEX+vCBH3zhr3Ps8ANqJlX/x7fojeN0gtroDF2jXo0+ukqD1PMbUEsHCFnEvtMlAgAA9gMAAFBLAQIUABQACAgIAJRqgl1wUzHzOAAAAKAAAAAOAAAAAAAAAAAAAAAAAAAAAAAwMS1Qb2x5Z29uLnJvaVBLAQIUABQACAgIAJRqgl0PTPC3XQAAAMQAAAAOAAAAAAAAAAAAAAAAAHQAAAAwMi1Qb2x5Z29uLnJvaVBLAQIUABQACAgIAJRqgl2+pNYJNQAAAJgAAAAQAAAAAAAAAAAAAAAAAA0BAAAwMy1SZWN0YW5nbGUucm9pUEsBAhQAFAAICAgAlGqCXWBewI8rAAAAjgAAAAsAAAAAAAAAAAAAAAAAgAEAADA0LU92YWwucm9pUEsBAhQAFAAICAgAlGqCXcXxq+xJAAAAoAAAABQAAAAAAAAAAAAAAAAA5AEAADA1LVN0cmFpZ2h0X0xpbmUucm9pUEsBAhQAFAAICAgAlGqCXearjFVMAAAAsAAAAAwAAAAAAAAAAAAAAAAAbwIAADA2LVBvaW50LnJvaVBLAQIUABQACAgIAJRqgl23JHuzXQAAAAABAAAQAAAAAAAAAAAAAAAAAPUCAAAwNy1Db21wb3NpdGUucm9pUEsBAhQAFAAICAgAlGqCXR07rN+IAAAAwAEAABAAAAAAAAAAAAAAAAAAkAMAADA4LUNvbXBvc2l0ZS5yb2lQSwECFAAUAAgICACUaoJd67AhPncAAAAYAQAAEAAAAAAAAAAAAAAAAABWBAAAMDktQ29tcG9zaXRlLnJvaVBLAQIUABQACAgIAJRqgl1vK0GaUQAAALgAAAAOAAAAAAAAAAAAAAAAAAsFAAAxMC1Qb2x5Z29uLnJvaVBLAQIUABQACAgIAJRqgl0YLfeWOwAAAKoAAAANAAAAAAAAAAAAAAAAAJgFAAAxMS1UcmFjZWQucm9pUEsBAhQAFAAICAgAlGqCXY0M6TA6AAAAjgAAAAsAAAAAAAAAAAAAAAAADgYAADEyLU92YWwucm9pUEsBAhQAFAAICAgAlGqCXVkFffRLAAAAugAAAAsAAAAAAAAAAAAAAAAAgQYAADEzLVRleHQucm9pUEsBAhQAFAAICAgAlGqCXVnEvtMlAgAA9gMAAA8AAAAAAAAAAAAAAAAABQcAADE0LUZyZWVoYW5kLnJvaVBLBQYAAAAADgAOAEsDAABnCQAAAAA=';
const IMAGEJ_FILL = [
  '........................................',
  '..1111..............333333....44444.....',
  '...111111..2222222..333333...4444444....',
  '...11111....222222..333333..444444444...',
  '....111.....222222..333333..444444444...',
  '....111.....222222..........444444444...',
  '....11......22222............44999999...',
  '.............2222.............99999999..',
  '................2.............99999999..',
  '...............................999999...',
  '........................................',
  '........................................',
  '........................................',
  '........................................',
  '........................................',
  '........................................',
  '.5555555555...6666....666...............',
  '.5555555555..666666..66666..............',
  '.5555555555..666666..66666..............',
  '.555....555..666666..66666..............',
  '.555....555..666666...666.....777777....',
  '.555....555...6666............777777....',
  '.555....555...................777777....',
  '.5555555555...8888...............777....',
  '.5555555555..888888..............777....',
  '.5555555555.88888888.............777....',
  '............88888888.............777....',
  '.............888888.....................',
  '..............8888......................',
  '........................................',
];

describe('ImageJ ROI sets', () => {
  it('reads what ImageJ writes and fills each area ROI as ImageJ does', () => {
    const decoded = decode(Uint8Array.from(atob(IMAGEJ_SET), (c) => c.charCodeAt(0)), { width: 40, height: 30 });
    const labels = pixels(decoded.images[0].objects, 40, 30);
    const rows = IMAGEJ_FILL.map((_, y) => labels.slice(y * 40, y * 40 + 40).map((label) => '.123456789'[label]).join(''));
    expect(rows).toEqual(IMAGEJ_FILL);
    expect(decoded.skipped).toEqual({ line: 1, point: 1, text: 1, 'composite with curves': 1, 'spline-fit outline': 1 });
  });

  it('round-trips objects with holes and pieces as composite ROIs, in stacking order', () => {
    const image: InterchangeImage = {
      name: 'a.png',
      width: 30,
      height: 20,
      objects: [
        { rings: [square(1, 1, 9), square(3, 3, 3)], z: 2 }, // a hole
        { rings: [square(12.25, 2, 4), square(20, 2.125, 4.25)], z: 1 }, // two pieces, off the grid
        { rings: [[4.25, 4.25, 4.75, 4.25, 4.75, 4.375]], z: 4 }, // a sliver inside the hole, without a pixel
        { rings: [[1, 1, 2, 2], []], z: 3 }, // no outline at all
      ],
    };
    const encoded = encode(image);
    expect(encoded.reports[0]).toMatchObject({ objects: 4, emptyObjects: [3], warnings: ['1 objects without a usable outline were left out'] });
    const decoded = decode(encoded.bytes, { width: 30, height: 20 }).images[0];
    expect(decoded.objects.map((object) => object.rings)).toEqual([image.objects[1].rings, image.objects[0].rings, image.objects[2].rings]); // vertices as they were
    expect(decoded.objects.map((object) => object.z)).toEqual([1, 2, 3]);
    expect([decode(encoded.bytes).images[0].width, decode(encoded.bytes).images[0].height]).toEqual([25, 10]); // without the image's size: out to the furthest vertex
  });

  it('writes an outline whose edges run through pixel centres along its pixels, which ImageJ fills alike', () => {
    // The edge from (0.5, 0) down to (0.5, 3) runs through the centres of column 0: the app
    // fills them, ImageJ would not. The other object has drawn sub-pixel vertices and no tie.
    const tie = { rings: [[0.5, 0, 3, 0, 3, 3, 0.5, 3]], z: 1 };
    const drawn = { rings: [[4.1234567, 0.3, 7.75, 1.2, 6.2, 3.9]], z: 2 };
    const image = { name: 'drawn.png', width: 8, height: 4, objects: [tie, drawn] };
    const decoded = decode(encode(image).bytes, image).images[0];
    expect(decoded.objects[0].rings).toEqual([[3, 0, 3, 3, 0, 3, 0, 0]]); // pixels 0..2 of each row, as the app fills them
    expect(decoded.objects[1].rings).toEqual([Array.from(Float32Array.from(drawn.rings[0]))]);
    expect(pixels(decoded.objects, 8, 4)).toEqual(pixels(image.objects, 8, 4));
  });

  it('writes floats past 16-bit offsets and composites past 65535 vertices', () => {
    const far = { rings: [square(40000, 1, 3)], z: 1 };
    const zigzag = Array.from({ length: 70000 }, (_, i) => [i % 2 === 0 ? 2 : 3, 2 + i / 8192]).flat();
    const many = { rings: [[...zigzag, 0, 12, 0, 2]], z: 2 };
    const image = { name: 'wide.png', width: 40010, height: 14, objects: [far, many] };
    const decoded = decode(encode(image).bytes, image).images[0];
    expect(pixels(decoded.objects, 40010, 14)).toEqual(pixels(image.objects, 40010, 14));
  });

  it('cuts ROIs to the image and counts what it leaves out', () => {
    const rois = [
      encodeRoi('a', [square(-2, -2, 5)]), // cut to 3 x 3
      encodeRoi('b', [square(50, 50, 5)]), // outside
      encodeRoi('c', [[1, 1, 2, 2]]), // two vertices
    ];
    const zip = zipToBytes([...rois.map((bytes, i) => ({ path: `${i}.roi`, bytes })), { path: 'notes.txt', bytes: Uint8Array.of(1) }]);
    const decoded = decode(zip, { width: 8, height: 8 });
    expect(decoded.images[0].objects.map((object) => object.rings)).toEqual([[[0, 0, 3, 0, 3, 3, 0, 3]]]);
    expect(decoded.droppedOutlines).toEqual({ outsideImage: 1, tooFewVertices: 1 });
    expect(decoded.skipped).toEqual({ 'file that is not a .roi': 1 });
  });

  describe('refuses damaged and hostile files, naming them', () => {
    const one = (bytes: Uint8Array) => zipToBytes([{ path: '0001.roi', bytes }]);
    const patched = (edit: (view: DataView) => void, rings = [square(1, 1, 2)]) => {
      const bytes = encodeRoi('x', rings);
      edit(new DataView(bytes.buffer));
      return one(bytes);
    };
    const refused = (bytes: Uint8Array) => errorOf(() => decode(bytes, { width: 10, height: 10 }, 'bad_rois.zip')).message;

    it('not a ZIP, or no ROI inside', () => {
      expect(refused(Uint8Array.from('not a zip at all, just text', (c) => c.charCodeAt(0)))).toMatch(/^bad_rois\.zip: not a readable ZIP archive/);
      expect(refused(one(Uint8Array.from({ length: 200 }, (_, i) => i)))).toBe('bad_rois.zip: 0001.roi: not an ImageJ ROI (no "Iout" header)');
      expect(refused(one(Uint8Array.of(0x49, 0x6f, 0x75, 0x74)))).toBe('bad_rois.zip: 0001.roi: not an ImageJ ROI (no "Iout" header)');
    });

    it('counts larger than the bytes present, never allocated', () => {
      expect(refused(patched((view) => view.setUint16(16, 60000)))).toBe('bad_rois.zip: 0001.roi: claims 60000 vertices but holds 20');
      expect(refused(patched((view) => (view.setUint16(16, 0), view.setInt32(18, 2 ** 31 - 1))))).toMatch(/claims 2147483647 vertices/);
      const composite = [square(1, 1, 4), square(2, 2, 1)];
      expect(refused(patched((view) => view.setInt32(36, 2 ** 31 - 1), composite))).toMatch(/^bad_rois\.zip: 0001\.roi: claims 2147483647 path values but holds \d+$/);
      expect(refused(patched((view) => view.setFloat32(64, 7), composite))).toBe('bad_rois.zip: 0001.roi: the composite path has a segment of unknown type 7');
    });

    it('coordinates that are not numbers or far beyond any image', () => {
      expect(refused(one(encodeRoi('x', [[1, 1, 1e30, 1, 1, 5]])))).toBe('bad_rois.zip: 0001.roi: x of vertex 2 is 1.0000000150474662e+30, not a coordinate within ±1048576');
      expect(refused(one(encodeRoi('x', [[1, 1, 4, Number.NaN, 1, 5]])))).toMatch(/y of vertex 2 is NaN/);
      expect(refused(one(encodeRoi('x', [square(1, 1, 4), [1, 1, -1e9, 1, 1, 5]])))).toMatch(/a path x is -1000000000/);
    });

    it('sizes in the ZIP directory past the limits, checked before inflating', () => {
      const zip = one(encodeRoi('x', [square(1, 1, 2)]));
      const directory = zip.findLastIndex((_, i) => zip[i] === 0x50 && zip[i + 1] === 0x4b && zip[i + 2] === 1 && zip[i + 3] === 2);
      new DataView(zip.buffer).setUint32(directory + 24, 2 ** 31, true); // uncompressed size
      expect(refused(zip)).toBe('bad_rois.zip: 0001.roi is 2147483648 bytes uncompressed, more than the 16777216 allowed');
    });
  });

  it.skipIf(!dir)('round-trips all 50 dataset masks pixel for pixel, and vertex for vertex', () => {
    const files = datasetMaskFiles();
    expect(files).toHaveLength(50);
    let exactPixels = 0, sameVertices = 0;
    for (const file of files) {
      const mask = importMask(file, readFileSync(file));
      const objects = decode(encode({ name: file, width: mask.width, height: mask.height, objects: mask.objects }).bytes, mask).images[0].objects;
      const expected = pixels(mask.objects, mask.width, mask.height);
      if (pixels(objects, mask.width, mask.height).every((label, i) => label === expected[i])) exactPixels++;
      if (JSON.stringify(objects.map((object) => object.rings)) === JSON.stringify(mask.objects.map((object) => object.rings))) sameVertices++;
    }
    expect({ exactPixels, sameVertices }).toEqual({ exactPixels: 50, sameVertices: 50 });
  });
});
