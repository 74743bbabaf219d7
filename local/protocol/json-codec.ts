import { NormalizedSchema } from '@smithy/core/schema';
import type { $SchemaRef } from '@smithy/types';
import { epochSeconds } from './scalar-values';
import { ServiceError } from './service-error';
import { isKind } from '../../functions/commons/is-kind';

const serializationError = (path: string, expected: string): ServiceError =>
  new ServiceError('SerializationException', `Unexpected value at ${path || 'the request body'}: expected ${expected}`);

/**
 * Reads a JSON-protocol input by its schema: refuses values of the wrong type
 * (as AWS's SerializationException does), turns epoch-second timestamps into
 * Dates and drops members the schema does not know. A member of AWS's own
 * schema that this cloud does not model is refused later, by the operation's
 * modelled input; one outside AWS's schema asks AWS for nothing (no SDK sends
 * one), and no AWS source says whether AWS ignores or refuses it, so it is dropped.
 */
export function readJsonInput(schema: $SchemaRef | NormalizedSchema, value: unknown, path = ''): unknown {
  const ns = isKind(schema, NormalizedSchema) ? schema : NormalizedSchema.of(schema);
  if (value === null || value === undefined) return undefined;
  if (ns.isStructSchema()) {
    if (typeof value !== 'object' || Array.isArray(value)) throw serializationError(path, 'an object');
    const out: Record<string, unknown> = {};
    const source = value as Record<string, unknown>;
    for (const [name, member] of ns.structIterator()) {
      if (!Object.hasOwn(source, name)) continue;
      const child = readJsonInput(member, source[name], path ? `${path}.${name}` : name);
      if (child !== undefined) out[name] = child;
    }
    return out;
  }
  if (ns.isListSchema()) {
    if (!Array.isArray(value)) throw serializationError(path, 'a list');
    return value.map((item, index) => readJsonInput(ns.getValueSchema(), item, `${path}[${index}]`));
  }
  if (ns.isMapSchema()) {
    if (typeof value !== 'object' || Array.isArray(value)) throw serializationError(path, 'a map');
    const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    for (const [key, entry] of Object.entries(value)) out[key] = readJsonInput(ns.getValueSchema(), entry, `${path}.${key}`);
    return out;
  }
  if (ns.isTimestampSchema()) {
    if (typeof value !== 'number') throw serializationError(path, 'a timestamp in epoch seconds');
    return new Date(value * 1000);
  }
  if (ns.isBooleanSchema()) {
    if (typeof value !== 'boolean') throw serializationError(path, 'a boolean');
    return value;
  }
  if (ns.isNumericSchema()) {
    if (typeof value !== 'number') throw serializationError(path, 'a number');
    return value;
  }
  if (ns.isStringSchema() && typeof value !== 'string') throw serializationError(path, 'a string');
  return value;
}

/** Writes a JSON-protocol output by its schema: timestamps as epoch seconds, unknown members dropped. */
export function toJsonOutput(schema: $SchemaRef | NormalizedSchema, value: unknown): unknown {
  const ns = isKind(schema, NormalizedSchema) ? schema : NormalizedSchema.of(schema);
  if (value === null || value === undefined) return undefined;
  if (ns.isStructSchema()) {
    const out: Record<string, unknown> = {};
    const source = value as Record<string, unknown>;
    for (const [name, member] of ns.structIterator()) {
      const child = toJsonOutput(member, source[name]);
      if (child !== undefined) out[name] = child;
    }
    return out;
  }
  if (ns.isListSchema()) return (value as unknown[]).map((item) => toJsonOutput(ns.getValueSchema(), item));
  if (ns.isMapSchema()) {
    return Object.fromEntries(Object.entries(value as object).map(([key, entry]) => [key, toJsonOutput(ns.getValueSchema(), entry)]));
  }
  if (ns.isTimestampSchema()) return epochSeconds(value);
  return value;
}
