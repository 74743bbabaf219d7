import type { StaticOperationSchema } from '@smithy/types';
import type { HttpAnswer } from './http-answer';
import { readJsonInput, toJsonOutput } from './json-codec';
import type { ServiceDescription } from './service-catalog';
import { ServiceError } from './service-error';

const contentType = (service: ServiceDescription): string =>
  service.protocol === 'awsJson1_0' ? 'application/x-amz-json-1.0' : 'application/x-amz-json-1.1';

/** The JSON RPC protocols (SSM, Step Functions, Service Quotas): action in `X-Amz-Target`, errors as `__type`. */
export const jsonProtocol = {
  readAction(service: ServiceDescription, target: string | undefined): string | undefined {
    const [prefix, action] = (target ?? '').split('.');
    return prefix === service.targetPrefix ? action : undefined;
  },

  readInput(operation: StaticOperationSchema, body: string): Record<string, unknown> {
    let parsed: unknown;
    try {
      parsed = body.trim() === '' ? {} : JSON.parse(body);
    } catch {
      throw new ServiceError('SerializationException', 'The request body is not valid JSON');
    }
    return (readJsonInput(operation[4], parsed) as Record<string, unknown> | undefined) ?? {};
  },

  writeOutput(service: ServiceDescription, operation: StaticOperationSchema, output: unknown, requestId: string): HttpAnswer {
    const body = JSON.stringify(toJsonOutput(operation[5], output ?? {}) ?? {});
    return { status: 200, headers: { 'content-type': contentType(service), 'x-amzn-requestid': requestId }, body };
  },

  writeError(service: ServiceDescription, error: ServiceError, requestId: string): HttpAnswer {
    return {
      status: error.status,
      headers: { 'content-type': contentType(service), 'x-amzn-requestid': requestId, 'x-amzn-errortype': error.code },
      body: JSON.stringify({ __type: error.code, message: error.message }),
    };
  },
};
