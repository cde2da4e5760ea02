import { describe, expect, it } from 'vitest';
import { descendantsNamed, escapeXml, parseXml } from './xml';

describe('parseXml', () => {
  it('reads elements, attributes in either quotes, text, entities, CDATA; skips comments, PIs, DOCTYPE', () => {
    const root = parseXml(`\ufeff<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE annotations [ <!ELEMENT annotations ANY> ]>
<!-- a comment -->
<annotations a="1" b='two &amp; &quot;three&quot;' >
  <empty/>
  <t>x &lt; y &#65;&#x42; <![CDATA[<raw> & stuff]]></t>
  <?processing instruction?>
  <n:prefixed x.y-z="&apos;"></n:prefixed>
</annotations>
<!-- trailing comment -->`);
    expect(root.name).toBe('annotations');
    expect(root.attributes).toEqual({ a: '1', b: 'two & "three"' });
    expect(root.children.map((c) => c.name)).toEqual(['empty', 't', 'n:prefixed']);
    expect(root.children[1].text).toBe('x < y AB <raw> & stuff');
    expect(root.children[2].attributes).toEqual({ 'x.y-z': "'" });
  });

  it('says what is wrong and where', () => {
    const cases: Array<[string, string]> = [
      ['<a><b></a>', 'line 1, column 7: </a> closes <b>'],
      ['<a>\n  <b>\n', 'line 2, column 3: <b> is never closed'],
      ['<a x="1></a>', 'line 1, column 4: bad attribute or unclosed tag <a>'],
      ['<a>&bogus;</a>', 'line 1, column 4: unknown entity &bogus;'],
      ['<a>fish & chips</a>', 'line 1, column 9: "&" must start an entity such as &amp;'],
      ['<a/><b/>', 'line 1, column 5: a second root element'],
      ['', 'line 1, column 1: no root element (empty document?)'],
      ['just text', 'line 1, column 1: text before the root element'],
      ['<a><!-- never closed', 'line 1, column 4: unclosed comment'],
      ['</a>', 'line 1, column 1: closing tag </a> without an opening tag'],
      ['<a>1 < 2</a>', 'line 1, column 6: bad tag: "<" must start a tag (write &lt; in text)'],
    ];
    for (const [text, error] of cases) expect(() => parseXml(text), text).toThrow(error);
  });

  it('parses and walks any nesting depth (200,000 elements deep) without recursion', () => {
    const depth = 200_000;
    const root = parseXml(`<r>${'<a>'.repeat(depth)}<label/>${'</a>'.repeat(depth)}<label/></r>`);
    expect(descendantsNamed(root, 'label')).toHaveLength(2);
    expect(() => parseXml(`<r>${'<a>'.repeat(depth)}`)).toThrow(`line 1, column ${3 * depth + 1}: <a> is never closed`);
  });

  it('finds descendants in document order, not inside the ones found', () => {
    const root = parseXml('<r><x id="1"><x id="inner"/></x><y><x id="2"/></y><x id="3"/></r>');
    expect(descendantsNamed(root, 'x').map((x) => x.attributes.id)).toEqual(['1', '2', '3']);
  });

  it('escapes what it must', () => {
    expect(escapeXml(`a<b>&"c"'d'`)).toBe('a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;');
    expect(parseXml(`<a v="${escapeXml('<&"\'>')}">${escapeXml('<&>')}</a>`)).toMatchObject({ attributes: { v: '<&"\'>' }, text: '<&>' });
  });
});
