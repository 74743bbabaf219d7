import { NormalizedSchema } from '@smithy/core/schema';
import type { $SchemaRef } from '@smithy/types';
import { XMLBuilder } from 'fast-xml-parser';
import { isFlattened, xmlElementName, xmlPartName } from './schema-keys';
import { isoTimestamp } from './scalar-values';
import { isKind } from '../../functions/commons/is-kind';

type XmlNode = string | XmlNode[] | { [element: string]: XmlNode };

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', suppressEmptyNode: false, processEntities: true });

export const renderXml = (document: object): string =>
  `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build(document) as string}`;

/**
 * Turns an operation's output into the element tree the SDK's XML deserializer
 * reads back: the exact inverse of its `readSchema`, so a value written here is
 * the value the client sees. Members the schema does not know are dropped, as
 * they would be on the client.
 */
export function toXmlNode(schema: $SchemaRef | NormalizedSchema, value: unknown): XmlNode | undefined {
  const ns = isKind(schema, NormalizedSchema) ? schema : NormalizedSchema.of(schema);
  if (value === undefined || value === null) return undefined;
  if (ns.isStructSchema()) return structNode(ns, value as Record<string, unknown>);
  if (ns.isListSchema()) return listNode(ns, value as unknown[]);
  if (ns.isMapSchema()) return mapNode(ns, value as Record<string, unknown>);
  if (ns.isTimestampSchema()) return isoTimestamp(value);
  if (ns.isBlobSchema()) return Buffer.from(value as Uint8Array).toString('base64');
  return String(value);
}

function structNode(ns: NormalizedSchema, value: Record<string, unknown>): XmlNode {
  const node: Record<string, XmlNode> = {};
  for (const [name, member] of ns.structIterator()) {
    const child = toXmlNode(member, value[name]);
    if (child === undefined) continue;
    node[xmlElementName(name, member)] = child;
  }
  return node;
}

function listNode(ns: NormalizedSchema, value: unknown[]): XmlNode {
  const item = ns.getValueSchema();
  const items = value.map((entry) => toXmlNode(item, entry)).filter((entry): entry is XmlNode => entry !== undefined);
  // A flattened list repeats the member's own element; the parent writes the array as repeated elements.
  if (isFlattened(ns)) return items;
  return items.length === 0 ? '' : { [xmlPartName('member', item)]: items };
}

function mapNode(ns: NormalizedSchema, value: Record<string, unknown>): XmlNode {
  const keyName = xmlPartName('key', ns.getKeySchema());
  const valueName = xmlPartName('value', ns.getValueSchema());
  const entries = Object.entries(value).map(([key, entry]) => ({
    [keyName]: key,
    [valueName]: toXmlNode(ns.getValueSchema(), entry) ?? '',
  }));
  return isFlattened(ns) ? entries : { entry: entries };
}
