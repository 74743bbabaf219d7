import type { NormalizedSchema } from '@smithy/core/schema';

/**
 * Wire names of members, as the SDK's own query serializer and XML
 * deserializer derive them (see @aws-sdk/core protocols): the query key of a
 * member and the element name it has in an XML response.
 */
export function queryKey(memberName: string, member: NormalizedSchema, ec2: boolean): string {
  const traits = member.getMergedTraits();
  if (ec2 && typeof traits.ec2QueryName === 'string') return traits.ec2QueryName;
  const key = typeof traits.xmlName === 'string' ? traits.xmlName : memberName;
  return ec2 ? key.charAt(0).toUpperCase() + key.slice(1) : key;
}

/** The key a list item or map part has in a query string (`member`, `item`, `key`, `value`). */
export function queryPartKey(fallback: string, part: NormalizedSchema, ec2: boolean): string {
  const traits = part.getMergedTraits();
  if (ec2 && typeof traits.ec2QueryName === 'string') return traits.ec2QueryName;
  return typeof traits.xmlName === 'string' ? traits.xmlName : fallback;
}

export function xmlElementName(memberName: string, member: NormalizedSchema): string {
  const xmlName = member.getMemberTraits().xmlName;
  return typeof xmlName === 'string' ? xmlName : memberName;
}

export function xmlPartName(fallback: string, part: NormalizedSchema): string {
  const xmlName = part.getMergedTraits().xmlName;
  return typeof xmlName === 'string' ? xmlName : fallback;
}

export const isFlattened = (schema: NormalizedSchema): boolean => Boolean(schema.getMergedTraits().xmlFlattened);
