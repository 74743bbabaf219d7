import { isKind } from '../../functions/commons/is-kind';
/**
 * The shape of what an SDK parsed: field names, value types, and the format
 * of ids, ARNs, addresses and times, without the values themselves. Two
 * implementations that agree on shapes agree on everything a caller parses.
 */
export type Shape = string | Shape[] | { [field: string]: Shape };

const FORMATS: readonly [string, RegExp][] = [
  ['arn', /^arn:aws:[a-z0-9-]+:[a-z0-9-]*:\d{0,12}:.+$/],
  ['id', /^[a-z]+(-[a-z]+)*-[0-9a-f]{8,17}$/],
  ['cidr', /^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/],
  ['ip', /^\d{1,3}(\.\d{1,3}){3}$/],
  ['dns-name', /^[a-z0-9-]+(\.[a-z0-9-]+)+\.amazonaws\.com$/],
];

/**
 * A value compared as itself rather than by shape: what AWS documents a call
 * to answer at that point (a state, an error code, the type part of an ARN).
 */
export class Exact {
  constructor(readonly value: string) {}
}

export const exactly = (value: string | undefined): Exact => new Exact(String(value));

function formatOf(text: string): string {
  const match = FORMATS.find(([, pattern]) => pattern.test(text));
  return match ? `string:${match[0]}` : 'string';
}

export function shapeOf(value: unknown): Shape {
  if (isKind(value, Exact)) return `=${value.value}`;
  if (isKind(value, Date)) return 'timestamp';
  if (Array.isArray(value)) return value.length === 0 ? [] : [shapeOf(value[0])];
  if (value !== null && typeof value === 'object') {
    const out: Record<string, Shape> = {};
    for (const [key, entry] of Object.entries(value)) if (key !== '$metadata' && entry !== undefined) out[key] = shapeOf(entry);
    return out;
  }
  return typeof value === 'string' ? formatOf(value) : typeof value;
}

/**
 * Where `ours` differs from `reference`: a field the reference has and we
 * lack, or a field both have in another type or format. Fields only we have,
 * and empty lists or objects in the reference, are not differences.
 */
export function shapeDifferences(ours: Shape, reference: Shape, path = ''): string[] {
  if (Array.isArray(reference)) {
    if (reference.length === 0) return [];
    if (!Array.isArray(ours)) return [`${path}: list in reference, ${JSON.stringify(ours)} here`];
    if (ours.length === 0) return [`${path}: reference lists items, here the list is empty`];
    return shapeDifferences(ours[0] as Shape, reference[0] as Shape, `${path}[]`);
  }
  if (typeof reference === 'object') {
    if (Object.keys(reference).length === 0) return [];
    if (typeof ours !== 'object' || Array.isArray(ours)) return [`${path}: object in reference, ${JSON.stringify(ours)} here`];
    return Object.entries(reference).flatMap(([field, shape]) => {
      if (Object.hasOwn(ours, field)) return shapeDifferences(ours[field] as Shape, shape, `${path}.${field}`);
      return isEmpty(shape) ? [] : [`${path}.${field}: missing here`];
    });
  }
  return ours === reference ? [] : [`${path}: ${reference} in reference, ${JSON.stringify(ours)} here`];
}

const isEmpty = (shape: Shape): boolean => typeof shape === 'object' && Object.keys(shape).length === 0;
