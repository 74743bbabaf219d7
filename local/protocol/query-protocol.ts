import { NormalizedSchema } from '@smithy/core/schema';
import type { StaticOperationSchema } from '@smithy/types';
import type { HttpAnswer } from './http-answer';
import { parseForm, readQueryInput } from './query-parser';
import type { ServiceDescription } from './service-catalog';
import type { ServiceError } from './service-error';
import { renderXml, toXmlNode } from './xml-serializer';

const xmlHeaders = (requestId: string) => ({ 'content-type': 'text/xml;charset=UTF-8', 'x-amzn-requestid': requestId });

/**
 * The two XML query protocols. EC2's (`ec2Query`) answers `<XResponse>` with a
 * `requestId` first and errors as `<Response><Errors>`; plain `awsQuery`
 * (ELBv2, STS) nests the body in `<XResult>` and answers errors as `<ErrorResponse>`.
 */
export const queryProtocol = {
  readAction(body: string): { action: string | undefined; params: Map<string, string> } {
    const params = parseForm(body);
    return { action: params.get('Action'), params };
  },

  readInput(service: ServiceDescription, operation: StaticOperationSchema, params: Map<string, string>): Record<string, unknown> {
    return readQueryInput(operation[4], params, service.protocol === 'ec2Query');
  },

  writeOutput(service: ServiceDescription, operation: StaticOperationSchema, output: unknown, requestId: string): HttpAnswer {
    const action = operation[2];
    const ns = NormalizedSchema.of(operation[5]);
    const body = ns.isUnitSchema() ? {} : (toXmlNode(ns, output ?? {}) as Record<string, unknown>);
    const response =
      service.protocol === 'ec2Query'
        ? { '@_xmlns': service.xmlNamespace, requestId, ...body }
        : { '@_xmlns': service.xmlNamespace, [`${action}Result`]: body, ResponseMetadata: { RequestId: requestId } };
    return { status: 200, headers: xmlHeaders(requestId), body: renderXml({ [`${action}Response`]: response }) };
  },

  writeError(service: ServiceDescription, error: ServiceError, requestId: string): HttpAnswer {
    const detail = { Code: error.code, Message: error.message };
    const document =
      service.protocol === 'ec2Query'
        ? { Response: { Errors: { Error: detail }, RequestID: requestId } }
        : {
            ErrorResponse: {
              '@_xmlns': service.xmlNamespace,
              Error: { Type: error.senderFault ? 'Sender' : 'Receiver', ...detail },
              RequestId: requestId,
            },
          };
    return { status: error.status, headers: xmlHeaders(requestId), body: renderXml(document) };
  },
};
