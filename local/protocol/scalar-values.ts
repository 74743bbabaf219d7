import type { NormalizedSchema } from '@smithy/core/schema';
import { invalidParameterValue } from './service-error';
import { isKind } from '../../functions/commons/is-kind';

/** Turns a query-string scalar into the JS value its schema calls for, refusing what does not fit. */
export function parseScalar(schema: NormalizedSchema, raw: string, name: string): unknown {
  if (schema.isBooleanSchema()) {
    if (raw === 'true' || raw === 'false') return raw === 'true';
    throw invalidParameterValue(`Value (${raw}) for parameter ${name} is invalid. Expected: 'true' or 'false'.`);
  }
  if (schema.isNumericSchema() || schema.isBigIntegerSchema() || schema.isBigDecimalSchema()) {
    const value = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(value)) {
      throw invalidParameterValue(`Value (${raw}) for parameter ${name} is invalid. Expected a number.`);
    }
    return value;
  }
  if (schema.isTimestampSchema()) {
    const value = /^\d+(\.\d+)?$/.test(raw) ? new Date(Number(raw) * 1000) : new Date(raw);
    if (Number.isNaN(value.getTime())) {
      throw invalidParameterValue(`Value (${raw}) for parameter ${name} is invalid. Expected a timestamp.`);
    }
    return value;
  }
  return raw;
}

/** Renders a timestamp the way AWS's XML and JSON protocols write it. */
export function toDate(value: unknown): Date {
  const date = isKind(value, Date) ? value : new Date(value as string | number);
  if (Number.isNaN(date.getTime())) throw new TypeError(`not a timestamp: ${String(value)}`);
  return date;
}

export const isoTimestamp = (value: unknown): string => toDate(value).toISOString().replace('.000Z', 'Z');

export const epochSeconds = (value: unknown): number => toDate(value).getTime() / 1000;
