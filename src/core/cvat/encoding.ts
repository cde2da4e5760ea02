/**
 * The text of an XML file from its bytes, found the way XML 1.0 (appendix F) tells a reader: a
 * byte order mark (UTF-8, UTF-16), else UTF-16 recognised by how "<" is written, else the
 * encoding declaration, else UTF-8. Any encoding TextDecoder knows is honoured. Like browsers,
 * TextDecoder reads ISO-8859-1 and latin1 as windows-1252, which differs only in 0x80–0x9F:
 * control codes in ISO-8859-1 that no text uses, and what such a file most likely meant.
 */
import { FileFormatError } from '../errors';

/**
 * windows-1252's characters for bytes 0x80–0x9F (WHATWG index: the five bytes it leaves
 * undefined stand for themselves). Node since 20.18.3 decodes windows-1252 as ISO-8859-1
 * (nodejs/node#60888), so these are put right after decoding: the same text in Node and browsers.
 */
const WINDOWS_1252_HIGH = '€\x81‚ƒ„…†‡ˆ‰Š‹Œ\x8dŽ\x8f\x90‘’“”•–—˜™š›œ\x9džŸ';

/** The declaration's encoding, read from the first bytes as ASCII, which every encoding it can name agrees with there. */
const DECLARATION = /^<\?xml\s[^>]*?\bencoding\s*=\s*(["'])([^"']*)\1/;

/**
 * Decodes `bytes`. Throws FileFormatError naming the file for an encoding TextDecoder does not
 * know, a UTF-16 declaration on 8-bit text, or bytes that are not valid text in the encoding:
 * refused rather than replaced, so names and labels never come in garbled.
 */
export function decodeXmlText(fileName: string, bytes: Uint8Array): string {
  const marked = markedEncoding(bytes);
  const declared = marked ? null : (DECLARATION.exec(String.fromCharCode(...bytes.subarray(0, 1024)))?.[2] ?? null);
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(marked ?? declared ?? 'utf-8', { fatal: true });
  } catch {
    throw new FileFormatError(fileName, `the XML declaration names an unknown text encoding "${declared}" (save the file as UTF-8)`);
  }
  if (!marked && decoder.encoding.startsWith('utf-16')) {
    throw new FileFormatError(fileName, `the XML declaration says "${declared}", but the file does not start with a UTF-16 byte order mark`);
  }
  try {
    const text = decoder.decode(bytes);
    return decoder.encoding === 'windows-1252' ? text.replace(/[\x80-\x9f]/g, (c) => WINDOWS_1252_HIGH[c.charCodeAt(0) - 0x80]) : text;
  } catch (error) {
    if (!(error instanceof TypeError)) throw error; // what TextDecoder throws for invalid bytes; anything else is not about the text
    const hint = marked || declared ? '' : ' (a file in another encoding must name it in its XML declaration, e.g. encoding="ISO-8859-1")';
    throw new FileFormatError(fileName, `not valid ${decoder.encoding.toUpperCase()} text${hint}`);
  }
}

/** UTF-8 or UTF-16 by byte order mark, or UTF-16 without one by "<" as a 16-bit unit; null when the bytes do not say. */
function markedEncoding(bytes: Uint8Array): string | null {
  const [a, b, c] = bytes;
  if (a === 0xef && b === 0xbb && c === 0xbf) return 'utf-8';
  if ((a === 0xff && b === 0xfe) || (a === 0x3c && b === 0x00)) return 'utf-16le';
  if ((a === 0xfe && b === 0xff) || (a === 0x00 && b === 0x3c)) return 'utf-16be';
  return null;
}
