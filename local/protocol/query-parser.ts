import { NormalizedSchema } from '@smithy/core/schema';
import type { $SchemaRef } from '@smithy/types';
import { isFlattened, queryKey, queryPartKey } from './schema-keys';
import { parseScalar } from './scalar-values';
import { malformedRequest, unknownParameter } from './service-error';

const MAX_PARAMETERS = 5000;
const MAX_LIST_ITEMS = 1000;

/** Splits an `application/x-www-form-urlencoded` body into its parameters, refusing duplicates. */
export function parseForm(body: string): Map<string, string> {
  const params = new Map<string, string>();
  const search = new URLSearchParams(body);
  for (const [key, value] of search) {
    if (params.has(key)) throw malformedRequest(`The parameter ${key} appears more than once`);
    params.set(key, value);
    if (params.size > MAX_PARAMETERS) throw malformedRequest(`A request may carry at most ${MAX_PARAMETERS} parameters`);
  }
  return params;
}

/**
 * Reads an operation's input from query parameters by walking the SDK's input
 * schema: the exact inverse of the SDK's own query serializer, for both the
 * EC2 flavour (flattened lists, capitalised keys) and plain awsQuery.
 * Parameters that no member claims are refused, as EC2 does.
 */
export function readQueryInput(
  input: $SchemaRef,
  params: Map<string, string>,
  ec2: boolean,
  reserved: readonly string[] = ['Action', 'Version'],
): Record<string, unknown> {
  const reader = new QueryReader(params, ec2);
  const value = reader.read(NormalizedSchema.of(input), '');
  const unclaimed = [...params.keys()].find((key) => !reader.claimed.has(key) && !reserved.includes(key));
  if (unclaimed !== undefined) throw unknownParameter(unclaimed);
  return (value as Record<string, unknown> | undefined) ?? {};
}

class QueryReader {
  readonly claimed = new Set<string>();
  private readonly prefixes = new Set<string>();

  constructor(
    private readonly params: Map<string, string>,
    private readonly ec2: boolean,
  ) {
    for (const key of params.keys()) {
      const parts = key.split('.');
      for (let i = 1; i < parts.length; i++) this.prefixes.add(parts.slice(0, i).join('.'));
    }
  }

  read(schema: NormalizedSchema, prefix: string): unknown {
    if (schema.isStructSchema()) return this.readStruct(schema, prefix);
    if (schema.isListSchema()) return this.readList(schema, prefix);
    if (schema.isMapSchema()) return this.readMap(schema, prefix);
    if (schema.isUnitSchema()) return undefined;
    const raw = this.params.get(prefix);
    if (raw === undefined) return undefined;
    this.claimed.add(prefix);
    return parseScalar(schema, raw, prefix);
  }

  private readStruct(schema: NormalizedSchema, prefix: string): Record<string, unknown> | undefined {
    if (prefix !== '' && !this.prefixes.has(prefix)) return undefined;
    const out: Record<string, unknown> = {};
    for (const [name, member] of schema.structIterator()) {
      const key = queryKey(name, member, this.ec2);
      const value = this.read(member, prefix ? `${prefix}.${key}` : key);
      if (value !== undefined) out[name] = value;
    }
    return out;
  }

  private readList(schema: NormalizedSchema, prefix: string): unknown[] | undefined {
    if (this.params.get(prefix) === '') {
      this.claimed.add(prefix);
      return [];
    }
    const item = schema.getValueSchema();
    const base = this.ec2 || isFlattened(schema) ? prefix : `${prefix}.${queryPartKey('member', item, this.ec2)}`;
    const indices = this.indicesUnder(base);
    if (indices.length === 0) return undefined;
    return indices.map((index) => this.read(item, `${base}.${index}`));
  }

  private readMap(schema: NormalizedSchema, prefix: string): Record<string, unknown> | undefined {
    const base = isFlattened(schema) ? prefix : `${prefix}.entry`;
    const indices = this.indicesUnder(base);
    if (indices.length === 0) return undefined;
    const keyPart = queryPartKey('key', schema.getKeySchema(), this.ec2);
    const valuePart = queryPartKey('value', schema.getValueSchema(), this.ec2);
    const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    for (const index of indices) {
      const key = this.read(schema.getKeySchema(), `${base}.${index}.${keyPart}`);
      if (typeof key === 'string') out[key] = this.read(schema.getValueSchema(), `${base}.${index}.${valuePart}`);
    }
    return out;
  }

  /** The item numbers present under a list prefix, in order; AWS numbers items from 1. */
  private indicesUnder(base: string): number[] {
    const indices = new Set<number>();
    const head = `${base}.`;
    for (const key of this.params.keys()) {
      if (!key.startsWith(head)) continue;
      const segment = key.slice(head.length).split('.')[0] ?? '';
      if (!/^[1-9]\d{0,5}$/.test(segment)) continue;
      indices.add(Number(segment));
      if (indices.size > MAX_LIST_ITEMS) throw malformedRequest(`A list may hold at most ${MAX_LIST_ITEMS} items (${base})`);
    }
    return [...indices].sort((a, b) => a - b);
  }
}
