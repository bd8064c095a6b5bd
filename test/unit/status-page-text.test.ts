import { describe, expect, it } from 'vitest';
import { htmlToText, singleLine } from '../../electron/sources/status-page/plain-text';
import { XmlError, childNamed, childrenNamed, parseXml, textOf } from '../../electron/sources/status-page/xml-reader';

describe('the XML reader', () => {
  it('reads elements, attributes, namespace prefixes and self-closing tags', () => {
    const root = parseXml(`<?xml version="1.0"?>\n<a:root xmlns:a="urn:a" one='1' two="a > b"><child x="y"/><child>text</child><a:other/></a:root>`);
    expect(root).toMatchObject({ name: 'a:root', local: 'root', attributes: { 'xmlns:a': 'urn:a', one: '1', two: 'a > b' } });
    expect(childrenNamed(root, 'child').map((child) => [child.attributes, textOf(child)])).toEqual([
      [{ x: 'y' }, ''],
      [{}, 'text'],
    ]);
    expect(childNamed(root, 'other')?.name).toBe('a:other');
  });

  it('decodes the XML entities and character references, keeps CDATA as written, skips comments', () => {
    const root = parseXml('<t a="&quot;q&quot; &#x41;">&lt;b&gt; &amp;amp; &apos;&#65;&#x1F600; &nbsp;<!-- hidden --><![CDATA[<i>&amp;</i>]]></t>');
    expect(root.attributes.a).toBe('"q" A');
    expect(textOf(root)).toBe("<b> &amp; 'A😀 &nbsp;<i>&amp;</i>");
  });

  it('keeps an invalid character reference as written', () => {
    expect(textOf(parseXml('<t>&#0;&#xD800;&#x110000;</t>'))).toBe('&#0;&#xD800;&#x110000;');
  });

  it('never expands entities a DOCTYPE declares (no entity expansion attacks)', () => {
    const xml = '<!DOCTYPE t [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]><t>&b; &a;</t>';
    expect(textOf(parseXml(xml))).toBe('&b; &a;');
  });

  it('refuses a document that declares an external entity', () => {
    const xml = '<!DOCTYPE t [<!ENTITY x SYSTEM "file:///etc/passwd">]><t>&x;</t>';
    expect(() => parseXml(xml)).toThrow(XmlError);
    expect(() => parseXml(xml)).toThrow('the document cannot be read: External entities are not supported');
  });

  it('the text of an element includes its descendants', () => {
    expect(textOf(parseXml('<div><p>one <em>two</em></p> three</div>'))).toBe('one two three');
  });

  it.each([
    ['<a><b></a>', "line 1: Expected closing tag 'b' (opened in line 1, col 4) instead of closing tag 'a'."],
    ['<a>\n\n</b>', "line 3: Expected closing tag 'a' (opened in line 1, col 1) instead of closing tag 'b'."],
    ['<a></a></b>', "line 1: Closing tag 'b' has not been opened."],
    ['<a/><b/>', 'line 1: a second root element <b> after </a>'],
    ['<a>\n</a>\n<b/>', 'line 3: a second root element <b> after </a>'],
    ['<a>\n</a>\n<b>\n</b>', 'line 3: Multiple possible root nodes found.'],
    ['<a>\n<b', 'line 1: the document ends with <a>, <b> still open'],
    ['<a><!-- open', "line 1: Unclosed tag 'a'."],
    ['<a><![CDATA[ open', "line 1: Unclosed tag 'a'."],
    ['<a>< b</a>', "line 1: Invalid space after '<'."],
    ['<a>\nfish & chips</a>', "line 2: char '&' is not expected."],
    ['just text', "line 1: char 'j' is not expected."],
    ['  \n ', 'line 1: Start tag expected.'],
  ])('%j is not well-formed: %s', (xml, message) => {
    expect(() => parseXml(xml)).toThrow(XmlError);
    expect(() => parseXml(xml)).toThrow(message);
  });

  it('reads a large feed in one pass', () => {
    const items = Array.from({ length: 20_000 }, (_, i) => `<item><title>Incident ${i}</title><description>&lt;p&gt;${i}&lt;/p&gt;</description></item>`).join('\n');
    const root = parseXml(`<rss><channel>${items}</channel></rss>`);
    const channel = childNamed(root, 'channel')!;
    expect(childrenNamed(channel, 'item')).toHaveLength(20_000);
    expect(textOf(childNamed(childrenNamed(channel, 'item')[19_999]!, 'description'))).toBe('<p>19999</p>');
  });
});

describe('untrusted text as plain text', () => {
  it('drops tags, scripts, styles and comments; blocks become lines; entities are decoded', () => {
    const html = '<style>p{}</style><p>One &amp; <b>two</b></p><!-- note --><ul><li>three&nbsp;&mdash;&#8211;&#x2014;</li></ul><script>alert(1)</script>four<br/>five';
    expect(htmlToText(html, 1000)).toBe('One & two\nthree —–—\nfour\nfive');
  });

  it('text that names a tag after decoding stays text, and a lone "<" is kept', () => {
    expect(htmlToText('&lt;script&gt;alert(1)&lt;/script&gt; latency < 5 ms', 1000)).toBe('<script>alert(1)</script> latency < 5 ms');
  });

  it('removes control characters and bidirectional overrides, collapses spaces', () => {
    expect(htmlToText('a\u0000b\u0007 \t c\u202e\u2066d\r\n\n  e  ', 100)).toBe('ab cd\ne');
    expect(singleLine('  Broken\n\tlogins\u0000 \u202e now ', 100)).toBe('Broken logins now');
  });

  it('caps the length with an ellipsis and never splits a surrogate pair', () => {
    expect(htmlToText('abcdef', 4)).toBe('abc…');
    expect(htmlToText('abcd', 4)).toBe('abcd');
    expect(singleLine('ab😀cd', 4)).toBe('ab…');
  });

  it('keeps an unknown named entity as written', () => {
    expect(htmlToText('a &bogus; b &amp c', 100)).toBe('a &bogus; b &amp c');
  });
});
