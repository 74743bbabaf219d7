import * as ec2 from '@aws-sdk/client-ec2';
import * as instanceConnect from '@aws-sdk/client-ec2-instance-connect';
import * as elbv2 from '@aws-sdk/client-elastic-load-balancing-v2';
import * as quotas from '@aws-sdk/client-service-quotas';
import * as sfn from '@aws-sdk/client-sfn';
import * as ssm from '@aws-sdk/client-ssm';
import * as sts from '@aws-sdk/client-sts';
import type { StaticOperationSchema } from '@smithy/types';

export type WireProtocol = 'ec2Query' | 'awsQuery' | 'awsJson1_0' | 'awsJson1_1';

/**
 * What the protocol layer needs to know of one AWS service. The operation
 * shapes themselves come from the schemas that the official SDK client ships,
 * so member names, wire names and types can never drift from what the SDK parses.
 */
export interface ServiceDescription {
  /** The SigV4 signing name, found in the request's credential scope. */
  readonly signingName: string;
  readonly protocol: WireProtocol;
  /** The API version sent as `Version=` by query clients. */
  readonly apiVersion: string;
  readonly xmlNamespace?: string;
  /** The `X-Amz-Target` prefix of JSON protocols. */
  readonly targetPrefix?: string;
  readonly schemas: Readonly<Record<string, unknown>>;
}

export const SERVICES: readonly ServiceDescription[] = [
  { signingName: 'ec2', protocol: 'ec2Query', apiVersion: '2016-11-15', xmlNamespace: 'http://ec2.amazonaws.com/doc/2016-11-15/', schemas: ec2 },
  {
    signingName: 'elasticloadbalancing',
    protocol: 'awsQuery',
    apiVersion: '2015-12-01',
    xmlNamespace: 'http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/',
    schemas: elbv2,
  },
  { signingName: 'sts', protocol: 'awsQuery', apiVersion: '2011-06-15', xmlNamespace: 'https://sts.amazonaws.com/doc/2011-06-15/', schemas: sts },
  { signingName: 'ssm', protocol: 'awsJson1_1', apiVersion: '2014-11-06', targetPrefix: 'AmazonSSM', schemas: ssm },
  { signingName: 'states', protocol: 'awsJson1_0', apiVersion: '2016-11-23', targetPrefix: 'AWSStepFunctions', schemas: sfn },
  { signingName: 'servicequotas', protocol: 'awsJson1_1', apiVersion: '2019-06-24', targetPrefix: 'ServiceQuotasV20190624', schemas: quotas },
  // botocore's ec2-instance-connect/2018-04-02/service-2.json: "protocol": "json", "jsonVersion": "1.1", "targetPrefix": "AWSEC2InstanceConnectService".
  { signingName: 'ec2-instance-connect', protocol: 'awsJson1_1', apiVersion: '2018-04-02', targetPrefix: 'AWSEC2InstanceConnectService', schemas: instanceConnect },
];

const OPERATION_SCHEMA = 9;

/** The SDK's schema of an operation, or undefined when the service has no such operation. */
export function operationSchema(service: ServiceDescription, action: string): StaticOperationSchema | undefined {
  if (!/^[A-Z][A-Za-z0-9]{0,127}$/.test(action)) return undefined;
  const key = `${action}$`;
  if (!Object.hasOwn(service.schemas, key)) return undefined;
  const candidate = service.schemas[key];
  return Array.isArray(candidate) && candidate[0] === OPERATION_SCHEMA ? (candidate as StaticOperationSchema) : undefined;
}
