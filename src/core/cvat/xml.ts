/**
 * A small XML reader and the escaping the writer needs, enough for annotation files such as
 * CVAT's: elements, attributes (single or double quotes), text, the five predefined entities and
 * numeric character references, self-closing tags, comments, CDATA, processing instructions and
 * a DOCTYPE (skipped; entities it might declare are not supported). No DOMParser, so it runs in
 * Node, browsers and workers alike; linear in the input, and iterative (open elements are an
 * explicit stack), so any nesting depth parses. Namespaces are not interpreted: a prefixed name is
 * just a name.
 */

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** The element's own text (children's text excluded), entities decoded, untrimmed. */
  text: string;
}

const NAME = /[A-Za-z_:][-A-Za-z0-9_:.]*/y;
const ATTRIBUTE = /\s+([A-Za-z_:][-A-Za-z0-9_:.]*)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/y;
const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Why the text is not well-formed, and where (1-based line and column). */
export class XmlSyntaxError extends Error {
  override name = 'XmlSyntaxError';
}

/**
 * Parses a whole document and returns its root element. Throws XmlSyntaxError("line L,
 * column C: reason") for anything not well-formed: unclosed or mismatched tags, bad attributes,
 * unknown entities, text after the root, an empty document.
 */
export function parseXml(text: string): XmlElement {
  let at = 0;
  const fail = (reason: string, where = at): never => {
    const before = text.slice(0, where);
    const line = before.split('\n').length;
    throw new XmlSyntaxError(`line ${line}, column ${where - before.lastIndexOf('\n')}: ${reason}`);
  };
  const skipPast = (end: string, what: string): void => {
    const found = text.indexOf(end, at);
    if (found < 0) fail(`unclosed ${what}`);
    at = found + end.length;
  };
  const stack: XmlElement[] = [];
  const opened: number[] = []; // where each element on the stack starts, for messages
  let root: XmlElement | null = null;

  if (text.charCodeAt(0) === 0xfeff) at = 1; // byte order mark
  while (at < text.length) {
    const lt = text.indexOf('<', at);
    const chunk = text.slice(at, lt < 0 ? text.length : lt);
    if (chunk.length > 0) {
      if (stack.length > 0) stack[stack.length - 1].text += decodeEntities(chunk, (reason, offset) => fail(reason, at + offset));
      else if (chunk.trim()) fail(root ? 'text after the root element' : 'text before the root element');
    }
    if (lt < 0) break;
    at = lt;
    if (text.startsWith('<!--', at)) skipPast('-->', 'comment');
    else if (text.startsWith('<![CDATA[', at)) {
      const end = text.indexOf(']]>', at);
      if (end < 0) fail('unclosed CDATA section');
      if (stack.length === 0) fail('CDATA outside the root element');
      stack[stack.length - 1].text += text.slice(at + 9, end);
      at = end + 3;
    } else if (text.startsWith('<?', at)) skipPast('?>', 'processing instruction');
    else if (text.startsWith('<!DOCTYPE', at)) {
      const bracket = text.indexOf('[', at), close = text.indexOf('>', at);
      if (bracket >= 0 && bracket < close) skipPast(']>', 'DOCTYPE'); // internal subset
      else skipPast('>', 'DOCTYPE');
    } else if (text.startsWith('</', at)) {
      NAME.lastIndex = at + 2;
      const name = NAME.exec(text)?.[0];
      const open = stack.pop();
      opened.pop();
      if (!name || !open) fail(name ? `closing tag </${name}> without an opening tag` : 'bad closing tag');
      if (open!.name !== name) fail(`</${name}> closes <${open!.name}>`);
      at = NAME.lastIndex;
      while (/\s/.test(text[at] ?? '')) at++;
      if (text[at] !== '>') fail(`bad closing tag </${name}>`);
      at++;
    } else {
      NAME.lastIndex = at + 1;
      const name = NAME.exec(text)?.[0];
      if (!name) fail('bad tag: "<" must start a tag (write &lt; in text)');
      at = NAME.lastIndex;
      const element: XmlElement = { name: name!, attributes: {}, children: [], text: '' };
      for (;;) {
        ATTRIBUTE.lastIndex = at;
        const match = ATTRIBUTE.exec(text);
        if (!match) break;
        const value = match[2] ?? match[3];
        const valueAt = at + match[0].length - value.length - 1;
        element.attributes[match[1]] = decodeEntities(value, (reason, offset) => fail(reason, valueAt + offset));
        at = ATTRIBUTE.lastIndex;
      }
      while (/\s/.test(text[at] ?? '')) at++;
      const selfClosing = text.startsWith('/>', at);
      if (!selfClosing && text[at] !== '>') fail(`bad attribute or unclosed tag <${name}>`);
      at += selfClosing ? 2 : 1;
      if (stack.length > 0) stack[stack.length - 1].children.push(element);
      else if (root) fail('a second root element', lt);
      else root = element;
      if (!selfClosing) {
        stack.push(element);
        opened.push(lt);
      }
    }
  }
  if (stack.length > 0) fail(`<${stack[stack.length - 1].name}> is never closed`, opened[opened.length - 1]);
  if (!root) return fail('no root element (empty document?)');
  return root;
}

/** Replaces entity and character references; reports unknown ones through `fail`. */
function decodeEntities(raw: string, fail: (reason: string, offset: number) => never): string {
  if (!raw.includes('&')) return raw;
  return raw.replace(/&([^;&\s]*);?/g, (whole, name: string, offset: number) => {
    if (!whole.endsWith(';')) fail('"&" must start an entity such as &amp;', offset);
    if (ENTITIES[name] !== undefined) return ENTITIES[name];
    const code = /^#x[0-9a-f]+$/i.test(name) ? parseInt(name.slice(2), 16) : /^#[0-9]+$/.test(name) ? Number(name.slice(1)) : NaN;
    if (Number.isInteger(code) && code > 0 && code <= 0x10ffff) return String.fromCodePoint(code);
    return fail(`unknown entity &${name};`, offset);
  });
}

/** Escapes text or an attribute value (either quote) for XML output. */
export function escapeXml(value: string): string {
  return value.replace(/[<>&"']/g, (c) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp', '"': 'quot', "'": 'apos' }[c]};`);
}

/**
 * Elements called `name` anywhere below `element`, in document order, not looking inside the ones
 * found. Walks with its own stack, so a hostile file's nesting depth cannot overflow the call stack.
 */
export function descendantsNamed(element: XmlElement, name: string): XmlElement[] {
  const found: XmlElement[] = [];
  const pending = [...element.children].reverse();
  for (let next = pending.pop(); next; next = pending.pop()) {
    if (next.name === name) found.push(next);
    else for (let i = next.children.length - 1; i >= 0; i--) pending.push(next.children[i]);
  }
  return found;
}

/** Child elements called `name`, in document order. */
export function childrenNamed(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((child) => child.name === name);
}
