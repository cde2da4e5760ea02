import { describe, expect, it } from 'vitest';
import { FileFormatError } from '../errors';
import { decodeXmlText } from './encoding';

const latin1 = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));
const utf8 = (text: string) => new TextEncoder().encode(text);
function utf16(text: string, littleEndian: boolean, mark = true): Uint8Array {
  const units = (mark ? '\ufeff' : '') + text;
  const bytes = new Uint8Array(2 * units.length);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < units.length; i++) view.setUint16(2 * i, units.charCodeAt(i), littleEndian);
  return bytes;
}
const declared = (encoding: string, body: string) => `<?xml version="1.0" encoding="${encoding}"?><a>${body}</a>`;

describe('decodeXmlText', () => {
  it('honours the encoding declaration: ISO-8859-1, latin1, windows-1252, any quotes and case', () => {
    expect(decodeXmlText('a.xml', latin1(declared('ISO-8859-1', 'noyau été')))).toContain('<a>noyau été</a>');
    expect(decodeXmlText('a.xml', latin1(`<?xml version='1.0' encoding='latin1'?><a>é</a>`))).toContain('<a>é</a>');
    expect(decodeXmlText('a.xml', latin1(declared('windows-1252', '\x80 \x92')))).toContain('<a>€ ’</a>');
    // As browsers read it: 0x80–0x9F, control codes in ISO-8859-1, are taken as windows-1252 meant them.
    expect(decodeXmlText('a.xml', latin1(declared('iso-8859-1', '\x92')))).toContain('<a>’</a>');
    expect(decodeXmlText('a.xml', utf8(declared('UTF-8', 'é')))).toContain('<a>é</a>');
  });

  it('reads UTF-8 without a declaration, and UTF-16 by byte order mark or by how "<" is written', () => {
    const text = declared('UTF-16', 'été ∑');
    expect(decodeXmlText('a.xml', utf8('<a>é</a>'))).toBe('<a>é</a>');
    expect(decodeXmlText('a.xml', Uint8Array.of(0xef, 0xbb, 0xbf, ...utf8('<a>é</a>')))).toBe('<a>é</a>');
    expect(decodeXmlText('a.xml', utf16(text, true))).toBe(text);
    expect(decodeXmlText('a.xml', utf16(text, false))).toBe(text);
    expect(decodeXmlText('a.xml', utf16(text, true, false))).toBe(text);
    expect(decodeXmlText('a.xml', utf16(text, false, false))).toBe(text);
  });

  it('refuses, naming the file, an unknown encoding, a false UTF-16 declaration and bytes invalid in the encoding', () => {
    const refusal = (bytes: Uint8Array) => {
      try {
        decodeXmlText('bad.xml', bytes);
      } catch (error) {
        expect(error).toBeInstanceOf(FileFormatError);
        return (error as Error).message;
      }
      return 'no error';
    };
    expect(refusal(latin1(declared('EBCDIC-XYZ', '')))).toBe('bad.xml: the XML declaration names an unknown text encoding "EBCDIC-XYZ" (save the file as UTF-8)');
    expect(refusal(latin1(declared('UTF-16', '')))).toBe('bad.xml: the XML declaration says "UTF-16", but the file does not start with a UTF-16 byte order mark');
    expect(refusal(latin1('<a>été</a>'))).toBe('bad.xml: not valid UTF-8 text (a file in another encoding must name it in its XML declaration, e.g. encoding="ISO-8859-1")');
    expect(refusal(latin1(declared('utf-8', 'été')))).toBe('bad.xml: not valid UTF-8 text');
    expect(refusal(Uint8Array.of(0xff, 0xfe, 0x3c, 0x00, 0x00, 0xd8, 0x3e, 0x00))).toBe('bad.xml: not valid UTF-16LE text'); // a lone surrogate
  });
});
