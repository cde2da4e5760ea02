import { describe, expect, it, vi } from 'vitest';
import { FileFormatError } from '../errors';
import { objectArea, ringBox } from '../geometry';
import { cvatImageFromObjects, matchImageName, objectsFromCvatImage } from './convert';
import { parseCvatXml, readCvatXml, writeCvatXml } from './cvatXml';

/** Trimmed from a CVAT 2.x "CVAT for images 1.1" export. */
const CVAT_EXPORT = `<?xml version="1.0" encoding="utf-8"?>
<annotations>
  <version>1.1</version>
  <meta>
    <job>
      <id>12</id>
      <size>2</size>
      <mode>annotation</mode>
      <labels>
        <label>
          <name>nucleus</name>
          <color>#fa3253</color>
          <type>polygon</type>
          <attributes>
          </attributes>
        </label>
        <label>
          <name>micronucleus</name>
          <color>#33ddff</color>
          <type>any</type>
          <attributes>
          </attributes>
        </label>
      </labels>
    </job>
    <dumped>2024-05-01 10:00:00.000000+00:00</dumped>
  </meta>
  <image id="0" name="train/a.png" subset="Train" width="1104" height="1104">
    <polygon label="nucleus" source="manual" occluded="0" points="10.00,10.00;20.50,10.00;20.50,20.25" z_order="0">
    </polygon>
    <box label="nucleus" source="manual" occluded="0" xtl="1" ytl="1" xbr="2" ybr="2" z_order="0">
    </box>
    <polygon label="micronucleus" source="auto" occluded="1" points="1,1;3,1;3,3" z_order="-1" group_id="4">
      <attribute name="confidence">0.9</attribute>
    </polygon>
    <polygon label="micronucleus" source="auto" occluded="1" points="5,5;7,5;7,7" z_order="-1" group_id="4">
    </polygon>
  </image>
  <image id="1" name="b.png" width="64" height="32">
  </image>
</annotations>
`;

describe('CVAT for images 1.1 XML', () => {
  it('reads images, polygons, labels and what was skipped', () => {
    const parsed = parseCvatXml('annotations.xml', CVAT_EXPORT);
    expect(parsed.labels).toEqual(['nucleus', 'micronucleus']);
    expect(parsed.skipped).toEqual({ box: 1 });
    expect(parsed.images.map((i) => [i.id, i.name, i.width, i.height, i.subset, i.polygons.length])).toEqual([
      [0, 'train/a.png', 1104, 1104, 'Train', 3],
      [1, 'b.png', 64, 32, undefined, 0],
    ]);
    expect(parsed.images[0].polygons[0]).toEqual({ label: 'nucleus', points: [10, 10, 20.5, 10, 20.5, 20.25], z: 0, occluded: false, source: 'manual', group: 0, attributes: {} });
    expect(parsed.images[0].polygons[1]).toMatchObject({ label: 'micronucleus', z: -1, occluded: true, source: 'auto', group: 4, attributes: { confidence: '0.9' } });
  });

  it('turns polygons into objects: groups merged, CVAT order kept, other labels noted', () => {
    const objects = objectsFromCvatImage(parseCvatXml('a.xml', CVAT_EXPORT).images[0]);
    expect(objects).toEqual([
      { rings: [[1, 1, 3, 1, 3, 3], [5, 5, 7, 5, 7, 7]], z: 1, label: 'nucleus', note: 'CVAT label: micronucleus; confidence: 0.9' },
      { rings: [[10, 10, 20.5, 10, 20.5, 20.25]], z: 2, label: 'nucleus' },
    ]);
  });

  it('writes coordinates with two decimals as CVAT does, eighths of a pixel exactly', () => {
    const image = cvatImageFromObjects({ id: 0, name: 'a.png', width: 400, height: 400 }, [{ rings: [[179.2639999999999, 10.125, 20.5, 0.3333333, 12, 7.005]], z: 1 }]);
    expect(writeCvatXml([image])).toContain('points="179.26,10.125;20.5,0.33;12,7.01"');
  });

  it('round-trips objects through XML exactly (coordinates, rings, order)', () => {
    const objects = [
      { rings: [[0.25, 0.125, 0, 3, 1104, 1103.875]], z: 7 },
      { rings: [[0, 0, 4, 0, 4, 4, 0, 4], [1, 1, 1, 3, 3, 3, 3, 1]], z: 2 }, // a ring with a hole
      { rings: [[5, 5, 6, 5, 6, 6]], z: 3, label: 'nucleus' },
    ];
    const image = cvatImageFromObjects({ id: 0, name: 'x & "y".png', width: 1104, height: 1104 }, objects);
    const xml = writeCvatXml([image]);
    expect(xml).toContain('<polygon label="nucleus" source="manual" occluded="0" points="0,0;4,0;4,4;0,4" z_order="1" group_id="1">');
    const back = parseCvatXml('x.xml', xml);
    expect(back.labels).toEqual(['nucleus']);
    expect(back.images[0].name).toBe('x & "y".png');
    expect(objectsFromCvatImage(back.images[0])).toEqual([
      { rings: objects[1].rings, z: 1, label: 'nucleus' },
      { rings: objects[2].rings, z: 2, label: 'nucleus' },
      { rings: objects[0].rings, z: 3, label: 'nucleus' },
    ]);
    expect(writeCvatXml(back.images)).toBe(xml); // stable
  });

  it('refuses malformed files with the file name and the place', () => {
    const error = (text: string) => {
      try {
        parseCvatXml('bad.xml', text);
      } catch (e) {
        expect(e).toBeInstanceOf(FileFormatError);
        return (e as Error).message;
      }
      return 'no error';
    };
    expect(error('<annotations><image id="0" name="a.png" width="1" height="1"></annotations>')).toBe('bad.xml: not well-formed XML: line 1, column 62: </annotations> closes <image>');
    expect(error('<root/>')).toBe('bad.xml: not a CVAT annotation file: the root element is <root>, not <annotations>');
    expect(error('<annotations><image id="0" name="a.png" width="wide" height="1"/></annotations>')).toBe('bad.xml: image "a.png": width "wide" is not a number');
    expect(error('<annotations><image id="0" name="a.png" width="2" height="1"><polygon label="n" points="1,2;3"/></image></annotations>')).toBe(
      'bad.xml: image "a.png", polygon 1: bad point "3" (expected "x,y" numbers)',
    );
  });

  it('refuses an image larger than any the app reads, by file and image name, before sizing anything by it', () => {
    const xml = (w: number, h: number) => `<annotations><image id="0" name="x.png" width="${w}" height="${h}"><polygon label="nucleus" points="1,1;5,1;5,5"/></image></annotations>`;
    expect(() => parseCvatXml('annotations.xml', xml(100000, 100000))).toThrow(
      new FileFormatError('annotations.xml', 'image "x.png" is 100000 x 100000 pixels (10000 MP), larger than the largest image the app reads (268 MP)'),
    );
    expect(() => parseCvatXml('annotations.xml', xml(16385, 16384))).toThrow('(269 MP), larger than'); // just over: never "268 MP, larger than 268 MP"
    expect(parseCvatXml('annotations.xml', xml(16384, 16384)).images[0].width).toBe(16384); // 256 Mi pixels: the limit itself
  });

  it('reads labels nested 200,000 elements deep in <meta> (no recursion to overflow)', () => {
    const depth = 200_000;
    const deep = `<annotations><meta>${'<project>'.repeat(depth)}<label><name>deepest</name></label>${'</project>'.repeat(depth)}</meta></annotations>`;
    expect(parseCvatXml('deep.xml', deep).labels).toEqual(['deepest']);
  });

  it('cuts polygons to the image, and leaves out and counts those no object can be made of', () => {
    const polygon = (points: string, group = 0) => `<polygon label="nucleus" points="${points}" group_id="${group}"/>`;
    const parsed = parseCvatXml('hostile.xml', `<annotations><image id="0" name="x.png" width="10" height="10">
      ${polygon('1,1')}${polygon('1,1;2,2')}${polygon('1,1;2,2;1,1;2,2')}
      ${polygon('NaN,1;2,2;3,1')}${polygon('1,1;inf,2;3,1')}${polygon('1,1;-Infinity,2;3,1')}${polygon('1,1;1e999,2;3,1')}
      ${polygon('1,1;2,2;3,3')}${polygon('50,50;60,50;60,60')}${polygon('1e308,1e308;2e307,1e308;1e308,2e307')}
      ${polygon('-5,-5;5,-5;5,5;-5,5', 7)}${polygon('20,20;30,20;30,30', 7)}${polygon('0,0;1e308,0;1e308,1e308;0,1e308')}
    </image></annotations>`);
    expect(parsed.droppedOutlines).toEqual({ tooFewVertices: 3, nonFinite: 4, noArea: 1, outsideImage: 3 });
    expect(parsed.images[0].polygons.map((p) => [p.group, objectArea([p.points]), ringBox(p.points)])).toEqual([
      [7, 25, { minX: 0, minY: 0, maxX: 5, maxY: 5 }],
      [0, 100, { minX: 0, minY: 0, maxX: 10, maxY: 10 }],
    ]);
    // Polygons are numbered as in the file in messages, the ones left out included.
    expect(() => parseCvatXml('hostile.xml', `<annotations><image id="0" name="x.png" width="10" height="10">${polygon('1,1')}${polygon('1,1;2,x;3,1')}</image></annotations>`)).toThrow(
      'hostile.xml: image "x.png", polygon 2: bad point "2,x"',
    );
  });

  it('reads a file in the encoding it declares: ISO-8859-1 labels and names come in as written', () => {
    const text = `<?xml version="1.0" encoding="ISO-8859-1"?>
<annotations><meta><task><labels><label><name>noyau été</name></label></labels></task></meta>
<image id="0" name="é.png" width="10" height="10"><polygon label="noyau été" points="1,1;5,1;5,5"/></image></annotations>`;
    const parsed = readCvatXml('annotations.xml', Uint8Array.from(text, (c) => c.charCodeAt(0)));
    expect(parsed.labels).toEqual(['noyau été']);
    expect(parsed.images[0]).toMatchObject({ name: 'é.png', polygons: [{ label: 'noyau été' }] });
    expect(() => readCvatXml('annotations.xml', new TextEncoder().encode(text.replace('ISO-8859-1', 'EBCDIC-XYZ')))).toThrow(
      new FileFormatError('annotations.xml', 'the XML declaration names an unknown text encoding "EBCDIC-XYZ" (save the file as UTF-8)'),
    );
  });

  it('names the file in errors nobody foresaw, too (here an allocation failing while decoding)', () => {
    vi.stubGlobal('TextDecoder', class {
      encoding = 'utf-8';
      decode(): string {
        throw new RangeError('Array buffer allocation failed');
      }
    });
    try {
      expect(() => readCvatXml('big.xml', new Uint8Array(4))).toThrow(new FileFormatError('big.xml', 'corrupt or truncated CVAT XML: Array buffer allocation failed'));
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('matches CVAT image names to project images by file name', () => {
    const names = ['a.png', 'train/b.png', 'dev/b.png'];
    expect(matchImageName('a.png', names)).toBe('a.png');
    expect(matchImageName('images/a.png', names)).toBe('a.png');
    expect(matchImageName('b.png', names)).toBeNull(); // two candidates
    expect(matchImageName('train/b.png', names)).toBe('train/b.png');
    expect(matchImageName('c.png', names)).toBeNull();
  });
});
