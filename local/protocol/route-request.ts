import { SERVICES, type ServiceDescription } from './service-catalog';

export interface RoutedRequest {
  readonly service: ServiceDescription;
  readonly region: string;
}

const DEFAULT_REGION = 'us-east-1';
const CREDENTIAL_SCOPE = /Credential=[^/,\s]+\/\d{8}\/([a-z0-9-]+)\/([a-z0-9-]+)\/aws4_request/;

/**
 * Which service a request is for, so one endpoint serves them all: the SigV4
 * credential scope names it (and the region); failing that, the JSON
 * `X-Amz-Target` prefix or the query `Version` does.
 */
export function routeRequest(headers: Readonly<Record<string, string | undefined>>, body: string): RoutedRequest | undefined {
  const scope = CREDENTIAL_SCOPE.exec(headers.authorization ?? '');
  if (scope) {
    const service = SERVICES.find((candidate) => candidate.signingName === scope[2]);
    return service ? { service, region: scope[1] ?? DEFAULT_REGION } : undefined;
  }
  const target = headers['x-amz-target'];
  if (target) {
    const prefix = target.split('.')[0];
    const service = SERVICES.find((candidate) => candidate.targetPrefix === prefix);
    return service ? { service, region: DEFAULT_REGION } : undefined;
  }
  const version = new URLSearchParams(body.slice(0, 4096)).get('Version');
  const service = SERVICES.find((candidate) => candidate.protocol.endsWith('Query') && candidate.apiVersion === version);
  return service ? { service, region: DEFAULT_REGION } : undefined;
}
