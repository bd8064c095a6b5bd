import { XMLParser, XMLValidator } from 'fast-xml-parser';

/**
 * RSS and Atom documents as a small element tree, read with fast-xml-parser. The parser's own
 * entity processing is off, so entities a DOCTYPE declares are never expanded (no entity-expansion
 * attacks, no external entities); the five XML entities and character references are decoded here.
 */

export interface XmlElement {
  /** The qualified name as written, e.g. `content:encoded`. */
  name: string;
  /** The name without its namespace prefix, e.g. `encoded`. */
  local: string;
  attributes: Record<string, string>;
  children: XmlNode[];
}
export type XmlNode = XmlElement | string;

export class XmlError extends Error {
  override name = 'XmlError';
}

const TEXT = '#text';
const CDATA = '#cdata';
const ATTRIBUTES = ':@';

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: false,
  cdataPropName: CDATA,
  ignoreDeclaration: true,
  ignorePiTags: true,
  captureMetaData: true,
});
const METADATA = XMLParser.getMetaDataSymbol() as symbol;

/** fast-xml-parser's preserveOrder shape: `{ [name]: children, ':@'?: attributes }` or `{ '#text': text }`. */
type OrderedNode = Record<string | symbol, unknown>;

/** Parses `text` into its root element; a document that is not well-formed throws an XmlError naming the line. */
export function parseXml(text: string): XmlElement {
  // XMLValidator is marked deprecated in favour of fast-xml-validator, which is not a dependency.
  const verdict = XMLValidator.validate(text);
  if (verdict !== true) throw new XmlError(`line ${verdict.err.line}: ${readableMessage(verdict.err.msg)}`);
  let nodes: OrderedNode[];
  try {
    nodes = parser.parse(text) as OrderedNode[];
  } catch (error) {
    // What the validator lets through: external entity declarations, nesting over 100 levels, `__proto__` names.
    throw new XmlError(`the document cannot be read: ${(error as Error).message}`);
  }
  const roots = nodes.filter((node) => !(TEXT in node) && !(CDATA in node));
  const [root, second] = roots.map(toElement);
  if (!root) throw new XmlError('no XML element found');
  if (second) throw new XmlError(`line ${lineAt(text, roots[1]!)}: a second root element <${second.name}> after </${root.name}>`);
  return root;
}

/** The validator names the tags left open at the end as a JSON array; say it in words. */
function readableMessage(message: string): string {
  const unclosed = /^Invalid '(\[.*\])' found\.$/.exec(message)?.[1];
  if (!unclosed) return message;
  try {
    const names = JSON.parse(unclosed) as string[];
    return `the document ends with ${names.map((name) => `<${name}>`).join(', ')} still open`;
  } catch {
    return message;
  }
}

function lineAt(text: string, node: OrderedNode): number {
  const start = (node[METADATA] as { startIndex?: number } | undefined)?.startIndex ?? 0;
  return text.slice(0, start).split('\n').length;
}

function toElement(node: OrderedNode): XmlElement {
  const name = Object.keys(node).find((key) => key !== ATTRIBUTES)!;
  const attributes: Record<string, string> = {};
  for (const [key, value] of Object.entries((node[ATTRIBUTES] ?? {}) as Record<string, string>)) attributes[key] = decodeXmlEntities(value);
  return { name, local: name.slice(name.indexOf(':') + 1), attributes, children: (node[name] as OrderedNode[]).map(toNode) };
}

function toNode(node: OrderedNode): XmlNode {
  if (TEXT in node) return decodeXmlEntities(String(node[TEXT]));
  // CDATA is kept as written: its content is one text node.
  if (CDATA in node) return (node[CDATA] as OrderedNode[]).map((part) => String(part[TEXT])).join('');
  return toElement(node);
}

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The five XML entities and numeric character references; any other `&name;` stays as written. */
export function decodeXmlEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#[0-9]+|#x[0-9a-fA-F]+|[A-Za-z]+);/g, (whole, entity: string) => {
    if (entity.startsWith('#')) return codePoint(entity) ?? whole;
    return XML_ENTITIES[entity] ?? whole;
  });
}

/** `#65` or `#x41` as its character; undefined for a number that is no valid code point. */
export function codePoint(reference: string): string | undefined {
  const value = reference[1] === 'x' || reference[1] === 'X' ? parseInt(reference.slice(2), 16) : parseInt(reference.slice(1), 10);
  if (!Number.isInteger(value) || value <= 0 || value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff)) return undefined;
  return String.fromCodePoint(value);
}

/** The element's children with this local name (namespace prefixes ignored). */
export function childrenNamed(element: XmlElement, local: string): XmlElement[] {
  return element.children.filter((child): child is XmlElement => typeof child !== 'string' && child.local === local);
}

export function childNamed(element: XmlElement, local: string): XmlElement | undefined {
  return childrenNamed(element, local)[0];
}

/** All text inside the element, its descendants' included, in document order. */
export function textOf(element: XmlElement | undefined): string {
  if (!element) return '';
  return element.children.map((child) => (typeof child === 'string' ? child : textOf(child))).join('');
}
