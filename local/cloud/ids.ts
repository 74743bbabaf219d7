import { randomBytes, randomUUID } from 'node:crypto';

/** An EC2-style id: prefix and 17 hex digits (`vpc-0a1b2c3d4e5f67890`). */
export const newId = (prefix: string): string => `${prefix}-0${randomBytes(8).toString('hex')}`;

export const randomHex = (length: number): string => randomBytes(Math.ceil(length / 2)).toString('hex').slice(0, length);

/** A lower-case alphanumeric token, as in endpoint DNS names (`vpce-…-abcd1234`). */
export const randomToken = (length: number): string => randomHex(length);

export const newRequestId = (): string => randomUUID();
