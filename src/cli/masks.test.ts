import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodePng, encodePng } from '../core/formats/png';
import { imagejRoiZip } from '../core/interchange/imagejRoiZip';
import { rasterizeShapes } from '../core/mask/rasterize';
import { antiAliasedDiscs, THREE_DISCS } from '../core/testing/antiAliased';
import { rasterDifference } from '../core/testing/rasters';
import { sharedDataDir } from '../core/testing/sharedData';
import { runCli } from './main';
import { capture } from './capturedIo';

const dir = sharedDataDir();
const temp = mkdtempSync(join(tmpdir(), 'nuclei-masks-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));


/** A small mask with corner-only contact, a hole and border objects. */
function generatedMask(): string {
  const rows = ['11.2', '1.12', '1112', '3..2'];
  const colours = { '1': [200, 10, 10], '2': [10, 200, 10], '3': [1, 2, 3], '.': [0, 0, 0] } as Record<string, number[]>;
  const data = Uint8Array.from(rows.flatMap((row) => Array.from(row).flatMap((c) => colours[c])));
  const file = join(temp, 'generated_objects.png');
  writeFileSync(file, encodePng({ width: 4, height: 4, channels: 3, bitDepth: 8, data }));
  return file;
}

describe('cli roundtrip', () => {
  it('prints one JSON line per file and exits 0 when all are identical', async () => {
    const io = capture();
    const file = generatedMask();
    expect(await runCli(['roundtrip', file], io)).toBe(0);
    expect(io.out.map((l) => JSON.parse(l))).toEqual([{ file, objects: 3, identicalObjects: 3, mismatchedPixels: 0, vertices: expect.any(Number) }]);
    expect(io.err).toEqual([]);
  });

  it('goes on past a bad file, and exits 1', async () => {
    const bad = join(temp, 'bad_objects.png');
    writeFileSync(bad, 'not a png');
    const io = capture();
    expect(await runCli(['roundtrip', bad, generatedMask()], io)).toBe(1);
    expect(io.err).toEqual([`${bad}: not a supported image (expected PNG, JPEG, TIFF or Cellomics .C01)`]);
    expect(io.out).toHaveLength(1);
  });

  it('reports the vertices of the imported outlines: simplified by default, every pixel corner with --trace exact-dense', async () => {
    const file = generatedMask();
    const simplified = capture(), dense = capture();
    expect(await runCli(['roundtrip', file], simplified)).toBe(0);
    expect(await runCli(['roundtrip', file, '--trace', 'exact-dense'], dense)).toBe(0);
    const [a, b] = [simplified, dense].map((io) => JSON.parse(io.out[0]));
    expect(b.vertices).toBe(18); // the trace's turns: 6 outside and 4 around the hole of object 1, 4 and 4 round the others
    expect(a.vertices).toBeLessThan(b.vertices);
    expect([a.identicalObjects, b.identicalObjects]).toEqual([3, 3]);
    expect(await runCli(['roundtrip', file, '--trace', 'round'], capture())).toBe(2);
  });

  it('refuses a mask that looks like an anti-aliased picture, and reads it with --force', async () => {
    const file = join(temp, 'soft_objects.png');
    writeFileSync(file, encodePng({ width: 96, height: 96, channels: 3, bitDepth: 8, data: antiAliasedDiscs(96, THREE_DISCS) }));
    const refused = capture(), forced = capture();
    expect(await runCli(['roundtrip', file], refused)).toBe(1);
    expect(refused.err[0]).toMatch(/soft_objects\.png: \d+ of its \d+ colours are thin rings blended between the colours beside them/);
    expect(await runCli(['roundtrip', file, '--force'], forced)).toBe(0);
    expect(JSON.parse(forced.out[0])).toMatchObject({ file, mismatchedPixels: 0 });
  });

  it('needs at least one file (exit 2)', async () => {
    expect(await runCli(['roundtrip'], capture())).toBe(2);
  });

  it.skipIf(!dir)('passes on dataset masks', async () => {
    const train = join(dir!, 'aitslab-bioimaging1', 'train');
    const files = ['MFGTMPcx7_170702000001_B14f07d0_objects.png', 'MFGTMPcx7_170702000001_D13f04d0_objects.png'].map((n) => join(train, n));
    const io = capture();
    expect(await runCli(['roundtrip', ...files], io)).toBe(0);
    expect(io.out.map((l) => JSON.parse(l).identicalObjects)).toEqual([41, 16]);
  });
});

describe('cli vectorize and rasterize', () => {
  it('rejects wrong options with exit code 2', async () => {
    for (const args of [
      ['rasterize', 'a.xml'],
      ['rasterize', 'a.xml', '--out'],
      ['rasterize', 'a.xml', '--out', 'd', '--colors', 'pink'],
      ['rasterize', '--out', 'd'],
      ['rasterize', 'a.txt', '--out', 'd'],
      ['rasterize', 'a.json', '--out', 'd', '--segmentation', 'rle'], // an option of COCO output, not of masks
      ['vectorize', 'a.png'],
      ['vectorize', 'a.png', '--bogus', 'x'],
      ['vectorize', 'a.png', '--out', 'a.geojson'],
      ['vectorize', 'a.png', '--out', 'a.json', '--segmentation', 'bitmap'],
    ]) {
      const io = capture();
      expect(await runCli(args, io), args.join(' ')).toBe(2);
      expect(io.err).toHaveLength(1);
    }
  });

  it('reports a malformed XML file with exit code 1', async () => {
    const xml = join(temp, 'broken.xml');
    writeFileSync(xml, '<annotations><image></annotations>');
    const io = capture();
    expect(await runCli(['rasterize', xml, '--out', join(temp, 'never')], io)).toBe(1);
    expect(io.err[0]).toMatch(/broken\.xml: not well-formed XML: line 1, column 21: <\/annotations> closes <image>$/);
  });

  it('refuses hostile CVAT files by name with exit code 1, writing nothing', async () => {
    const hostile: Array<[string, string, RegExp]> = [
      ['ebcdic.xml', '<?xml version="1.0" encoding="EBCDIC-XYZ"?><annotations/>', /ebcdic\.xml: the XML declaration names an unknown text encoding "EBCDIC-XYZ"/],
      ['huge.xml', '<annotations><image id="0" name="x.png" width="100000" height="100000"><polygon label="nucleus" points="1,1;5,1;5,5"/></image></annotations>', /huge\.xml: image "x\.png" is 100000 x 100000 pixels \(10000 MP\), larger than/],
    ];
    for (const [name, text, message] of hostile) {
      const xml = join(temp, name);
      writeFileSync(xml, text);
      const io = capture();
      expect(await runCli(['rasterize', xml, '--out', join(temp, 'never')], io), name).toBe(1);
      expect(io.err[0]).toMatch(message);
    }
    expect(readdirSync(temp)).not.toContain('never');
  });

  it('rasterizes polygons cut to the image, and counts the outlines left out', async () => {
    const xml = join(temp, 'degenerate.xml');
    const polygons = ['1,1', '1,1;2,2', 'nan,1;2,2;3,1', '50,50;60,50;60,60', '-4,-4;4,-4;4,4;-4,4'].map((points) => `<polygon label="nucleus" points="${points}"/>`);
    writeFileSync(xml, `<annotations><image id="0" name="d.png" width="8" height="8">${polygons.join('')}</image></annotations>`);
    const io = capture();
    expect(await runCli(['rasterize', xml, '--out', join(temp, 'degenerate')], io)).toBe(0);
    expect(JSON.parse(io.out[0])).toMatchObject({ objects: 1, emptyObjects: 0, droppedOutlines: { tooFewVertices: 2, nonFinite: 1, outsideImage: 1 } });
  });

  it('reads CVAT XML in the encoding it declares (ISO-8859-1 names not garbled)', async () => {
    const xml = join(temp, 'latin1.xml');
    writeFileSync(xml, Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><annotations><image id="0" name="noyau_été.png" width="8" height="8"><polygon label="nucleus" points="1,1;5,1;5,5"/></image></annotations>', 'latin1'));
    const io = capture();
    expect(await runCli(['rasterize', xml, '--out', join(temp, 'latin1')], io)).toBe(0);
    expect(JSON.parse(io.out[0]).perImage[0]).toMatchObject({ name: 'noyau_été.png', output: join(temp, 'latin1', 'noyau_été_objects.png'), objects: 1 });
  });

  it('masks → CVAT XML → masks gives the same pixels (generated mask, label16 output)', async () => {
    const xml = join(temp, 'generated.xml');
    const vectorized = capture();
    expect(await runCli(['vectorize', generatedMask(), '--out', xml], vectorized)).toBe(0);
    // Object 1's hole meets the background at a corner: one self-touching ring, so 3 polygons.
    expect(JSON.parse(vectorized.out[0])).toEqual({ file: xml, images: 1, objects: 3, polygons: 3, warnings: [] });
    expect(readFileSync(xml, 'utf8')).toContain('<image id="0" name="generated.png" width="4" height="4">');

    const out = join(temp, 'label16');
    const rasterized = capture();
    expect(await runCli(['rasterize', xml, '--out', out, '--format', 'label16'], rasterized)).toBe(0);
    const summary = JSON.parse(rasterized.out[0]);
    expect(summary).toMatchObject({ images: 1, objects: 3, overlapPixels: 0, emptyObjects: 0 });
    const labels = decodePng('l', readFileSync(join(out, 'generated_label16.png')));
    expect(Array.from(labels.data)).toEqual([1, 1, 0, 2, 1, 0, 1, 2, 1, 1, 1, 2, 3, 0, 0, 2]);
  });

  it('masks → COCO JSON → masks gives the same pixels, as polygons or RLE', async () => {
    for (const segmentation of ['polygon', 'rle']) {
      const json = join(temp, `generated-${segmentation}.json`);
      const vectorized = capture();
      expect(await runCli(['vectorize', generatedMask(), '--out', json, '--segmentation', segmentation], vectorized)).toBe(0);
      // Object 1's hole is inside its one self-touching ring, which COCO polygons can hold: no warning.
      expect(JSON.parse(vectorized.out[0])).toEqual({ file: json, images: 1, objects: 3, polygons: 3, warnings: [] });
      expect(JSON.parse(readFileSync(json, 'utf8')).images).toEqual([{ id: 1, file_name: 'generated.png', width: 4, height: 4 }]);

      const out = join(temp, `coco-${segmentation}`);
      expect(await runCli(['rasterize', json, '--out', out, '--format', 'label16'], capture())).toBe(0);
      const labels = decodePng('l', readFileSync(join(out, 'generated_label16.png')));
      expect(Array.from(labels.data), segmentation).toEqual([1, 1, 0, 2, 1, 0, 1, 2, 1, 1, 1, 2, 3, 0, 0, 2]);
    }
  });

  it('refuses a hostile COCO file by name with exit code 1, writing nothing', async () => {
    const json = join(temp, 'claims.json');
    writeFileSync(json, JSON.stringify({ images: [{ id: 1, file_name: 'a.png', width: 4, height: 4 }], annotations: [{ id: 1, image_id: 1, segmentation: { size: [4, 4], counts: [0, 4e9] } }] }));
    const io = capture();
    expect(await runCli(['rasterize', json, '--out', join(temp, 'never-coco')], io)).toBe(1);
    expect(io.err).toEqual([`${json}: annotation 1: the RLE counts cover more than the 16 pixels of the mask`]);
    expect(readdirSync(temp)).not.toContain('never-coco');
  });

  it('writes ImageJ ROI sets too: rasterize --format imagej-roi gives <image>_rois.zip with the same pixels', async () => {
    const xml = join(temp, 'generated-rois.xml');
    expect(await runCli(['vectorize', generatedMask(), '--out', xml], capture())).toBe(0);
    const out = join(temp, 'rois');
    expect(await runCli(['rasterize', xml, '--out', out, '--format', 'imagej-roi'], capture())).toBe(0);
    expect(readdirSync(out)).toEqual(['generated_rois.zip']);
    const decoded = imagejRoiZip.decode!('generated_rois.zip', readFileSync(join(out, 'generated_rois.zip')), { width: 4, height: 4 });
    expect(Array.from(rasterizeShapes(decoded.images[0].objects, 4, 4).labels)).toEqual([1, 1, 0, 2, 1, 0, 1, 2, 1, 1, 1, 2, 3, 0, 0, 2]);
  });

  it.skipIf(!dir)('the dev masks survive vectorize + rasterize --colors voc byte for byte in pixels', async () => {
    const dev = join(dir!, 'aitslab-bioimaging1', 'dev');
    const masks = readdirSync(dev).filter((n) => n.endsWith('_objects.png')).map((n) => join(dev, n));
    const xml = join(temp, 'dev.xml');
    expect(await runCli(['vectorize', ...masks, '--out', xml], capture())).toBe(0);
    const out = join(temp, 'dev-masks');
    const io = capture();
    expect(await runCli(['rasterize', xml, '--out', out, '--colors', 'voc'], io)).toBe(0);
    expect(JSON.parse(io.out[0])).toMatchObject({ images: 10, overlapPixels: 0, emptyObjects: 0 });
    for (const mask of masks) {
      const name = mask.slice(dev.length + 1);
      expect(rasterDifference(decodePng(name, readFileSync(join(out, name))), decodePng(name, readFileSync(mask))), name).toBeNull();
    }
  });
});
