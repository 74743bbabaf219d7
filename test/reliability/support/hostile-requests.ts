import { NormalizedSchema } from '@smithy/core/schema';
import type { StaticOperationSchema } from '@smithy/types';
import { MAX_BODY_BYTES } from '../../../local/http-server';
import { queryKey } from '../../../local/protocol/schema-keys';
import { SERVICES, type ServiceDescription } from '../../../local/protocol/service-catalog';

/**
 * The error document a request must be answered with: each protocol's own,
 * any of them when no service is named, or none (`http`) when the request
 * line and headers alone are over the HTTP server's limit, so no service
 * ever sees it (AWS's front door answers those with a bare 4xx as well).
 */
export type ErrorForm = 'ec2' | 'query' | 'json' | 'any' | 'http';

/** Node's HTTP server reads at most this much of request line and headers (its default `maxHeaderSize`). */
const MAX_HEADER_BYTES = 16 * 1024;

export interface HostileRequest {
  readonly kind: string;
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly expect: ErrorForm;
}

type Random = () => number;

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const chance = (random: Random, share: number): boolean => random() < share;

const TOKEN = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_';
const token = (random: Random, length = 1 + Math.floor(random() * 12)): string => Array.from({ length }, () => pick(random, [...TOKEN])).join('');
/** Text no parser expects: control characters, quotes, markup, broken escapes, astral characters, long runs. */
const nasty = (random: Random): string =>
  pick(random, [
    () => token(random),
    () => '\u0000\u0001\u001f',
    () => '<a>&amp;</b>',
    () => '"\'\\',
    () => '%E0%A4%A',
    () => '😀'.repeat(1 + Math.floor(random() * 50)),
    () => 'x'.repeat(Math.floor(random() * 20_000)),
    () => String(random() * 1e308),
    () => '-1',
    () => '../../etc/passwd',
  ])();

const OPERATION_SCHEMA = 9;

/** Every operation the SDK knows for a service, as its schema. */
function operationsOf(service: ServiceDescription): StaticOperationSchema[] {
  return Object.entries(service.schemas)
    .filter(([key, value]) => key.endsWith('$') && Array.isArray(value) && value[0] === OPERATION_SCHEMA)
    .map(([, value]) => value as StaticOperationSchema);
}

const OPERATIONS = new Map(SERVICES.map((service) => [service.signingName, operationsOf(service)]));

const members = (operation: StaticOperationSchema): [string, NormalizedSchema][] => {
  const input = NormalizedSchema.of(operation[4]);
  return input.isStructSchema() ? [...input.structIterator()] : [];
};

const authorization = (service: string): string =>
  `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261126/ap-northeast-2/${service}/aws4_request, SignedHeaders=host;x-amz-date, Signature=${'0'.repeat(64)}`;

/** A value the member's type cannot take in a query string (a word for a number, `perhaps` for a boolean). */
const wrongQueryScalar = (member: NormalizedSchema): string | undefined =>
  member.isBooleanSchema() ? 'perhaps' : member.isNumericSchema() ? 'eleven' : member.isTimestampSchema() ? 'yesterday-ish' : undefined;

/** A JSON value of another type than the member's. */
const wrongJsonValue = (member: NormalizedSchema): unknown =>
  member.isStructSchema() || member.isMapSchema() ? [1, 2] : member.isListSchema() ? 'not-a-list' : member.isStringSchema() ? { not: 'a string' } : 'not-this-type';

/** A query request (EC2, ELBv2, STS) with one defect at least: an unknown or duplicated parameter, a wrong type, no or no such action, too many parameters. */
function queryRequest(random: Random, service: ServiceDescription): Omit<HostileRequest, 'method' | 'path' | 'headers' | 'expect'> {
  const operation = pick(random, OPERATIONS.get(service.signingName) ?? []);
  const ec2 = service.protocol === 'ec2Query';
  const params: [string, string][] = [
    ['Action', operation[2]],
    ['Version', service.apiVersion],
  ];
  const inputs = members(operation);
  for (let i = Math.floor(random() * 4); i > 0 && inputs.length > 0; i--) {
    const [name, member] = pick(random, inputs);
    if (member.isStringSchema()) params.push([queryKey(name, member, ec2), nasty(random)]);
  }
  const typed = inputs.map(([name, member]) => ({ key: queryKey(name, member, ec2), wrong: wrongQueryScalar(member) })).filter((member) => member.wrong !== undefined);
  const defect = pick(random, ['unknown-parameter', 'wrong-type', 'duplicate', 'no-such-action', 'no-action', 'too-many-parameters']);
  switch (defect) {
    case 'wrong-type':
      if (typed.length > 0) {
        const { key, wrong } = pick(random, typed);
        params.push([key, wrong ?? '']);
        break;
      }
      params.push([`Unheard${token(random)}`, nasty(random)]);
      break;
    case 'unknown-parameter':
      params.push([`Unheard${token(random)}.${1 + Math.floor(random() * 9)}`, nasty(random)]);
      break;
    case 'duplicate':
      params.push(['Action', operation[2]]);
      break;
    case 'no-such-action':
      params[0] = ['Action', pick(random, ['', 'LaunchRockets', token(random, 200), 'createvpc', 'Describe Vpcs', '<Action/>'])];
      break;
    case 'no-action':
      params.shift();
      break;
    default:
      for (let i = 0; i < 5001; i++) params.push([`P${i}`, '1']);
  }
  return { kind: `${service.signingName}:${defect}`, body: new URLSearchParams(params).toString() };
}

/** A JSON request (SSM, Step Functions, Service Quotas) with one defect at least: not JSON, not an object, a member of the wrong type, no such operation. */
function jsonRequest(random: Random, service: ServiceDescription): Omit<HostileRequest, 'method' | 'path' | 'expect'> {
  const operation = pick(random, OPERATIONS.get(service.signingName) ?? []);
  const target = `${service.targetPrefix}.${operation[2]}`;
  const inputs = members(operation);
  const defect = pick(random, ['not-json', 'truncated', 'not-an-object', 'wrong-type', 'no-such-operation', 'no-target']);
  const headers = (value: string | undefined): Record<string, string> => ({
    authorization: authorization(service.signingName),
    'content-type': service.protocol === 'awsJson1_0' ? 'application/x-amz-json-1.0' : 'application/x-amz-json-1.1',
    ...(value === undefined ? {} : { 'x-amz-target': value }),
  });
  const valid = JSON.stringify(Object.fromEntries(inputs.map(([name]) => [name, nasty(random)])));
  switch (defect) {
    case 'not-json':
      return { kind: `${service.signingName}:${defect}`, headers: headers(target), body: pick(random, ['{', '{"a":}', "{'a': 1}", 'undefined', nasty(random) || 'x', '\u0000{}']) };
    case 'truncated':
      return { kind: `${service.signingName}:${defect}`, headers: headers(target), body: `${valid}  `.slice(0, Math.max(1, Math.floor(random() * (valid.length - 1)))) || '{' };
    case 'not-an-object':
      return { kind: `${service.signingName}:${defect}`, headers: headers(target), body: pick(random, ['[]', '[{}]', '42', '"text"', 'true', '-0.5e7']) };
    case 'wrong-type':
      if (inputs.length > 0) {
        const [name, member] = pick(random, inputs);
        return { kind: `${service.signingName}:${defect}`, headers: headers(target), body: JSON.stringify({ [name]: wrongJsonValue(member) }) };
      }
      return { kind: `${service.signingName}:${defect}`, headers: headers(target), body: '[]' };
    case 'no-such-operation':
      return { kind: `${service.signingName}:${defect}`, headers: headers(`${service.targetPrefix}.${pick(random, ['LaunchRockets', '', token(random, 300), '../x'])}`), body: valid };
    default:
      return { kind: `${service.signingName}:${defect}`, headers: headers(undefined), body: valid };
  }
}

/** Any text as a URL's query may carry it: every byte outside printable ASCII (and `%`, space, `#`) percent-encoded. */
const percentEncoded = (text: string): string =>
  [...Buffer.from(text, 'utf8')].map((byte) => (byte > 0x20 && byte < 0x7f && byte !== 0x25 && byte !== 0x23 ? String.fromCharCode(byte) : `%${byte.toString(16).padStart(2, '0')}`)).join('');

const hex = (random: Random, length: number): string => Array.from({ length }, () => pick(random, [...'0123456789abcdef'])).join('');
const elbv2Arn = (random: Random, kind: string): string => `arn:aws:elasticloadbalancing:ap-northeast-2:000000000000:${kind}/${token(random)}/${hex(random, 16)}`;

/**
 * Well-formed calls of the lab's own actions that AWS refuses: resources that
 * do not exist (ids never issued), values out of range. They reach the
 * services' models, where a refusal must still be a 4xx and change nothing.
 */
const REFUSED_CALLS: readonly ((random: Random) => { service: string; action: string; params: Record<string, unknown> })[] = [
  (random) => ({ service: 'ec2', action: 'CreateVpc', params: { CidrBlock: pick(random, ['10.0.0.0/99', '300.1.1.1/16', '10.0.0.0/8', 'abc', '10.0.0.0/29']) } }),
  (random) => ({ service: 'ec2', action: 'CreateSubnet', params: { VpcId: `vpc-${hex(random, 17)}`, CidrBlock: '10.0.1.0/24' } }),
  (random) => ({ service: 'ec2', action: 'DeleteVpc', params: { VpcId: pick(random, [`vpc-${hex(random, 17)}`, 'vpc-', token(random)]) } }),
  (random) => ({ service: 'ec2', action: 'ModifyVpcAttribute', params: { VpcId: `vpc-${hex(random, 17)}`, 'EnableDnsSupport.Value': 'true' } }),
  (random) => ({ service: 'ec2', action: 'AttachInternetGateway', params: { InternetGatewayId: `igw-${hex(random, 17)}`, VpcId: `vpc-${hex(random, 17)}` } }),
  (random) => ({ service: 'ec2', action: 'CreateRoute', params: { RouteTableId: `rtb-${hex(random, 17)}`, DestinationCidrBlock: '0.0.0.0/0', GatewayId: `igw-${hex(random, 17)}` } }),
  (random) => ({ service: 'ec2', action: 'CreateSecurityGroup', params: { GroupName: token(random), Description: nasty(random), VpcId: `vpc-${hex(random, 17)}` } }),
  (random) => ({ service: 'ec2', action: 'RunInstances', params: { ImageId: `ami-${hex(random, 17)}`, InstanceType: 't3.micro', MinCount: String(1 + Math.floor(random() * 1e6)), MaxCount: '1', SubnetId: `subnet-${hex(random, 17)}` } }),
  (random) => ({ service: 'ec2', action: 'TerminateInstances', params: { 'InstanceId.1': `i-${hex(random, 17)}` } }),
  (random) => ({ service: 'ec2', action: 'CreateTags', params: { 'ResourceId.1': `vpc-${hex(random, 17)}`, 'Tag.1.Key': nasty(random), 'Tag.1.Value': nasty(random) } }),
  (random) => ({ service: 'ec2', action: 'CreateVpcEndpoint', params: { VpcId: `vpc-${hex(random, 17)}`, ServiceName: nasty(random), VpcEndpointType: pick(random, ['Interface', 'Gateway', 'Rocket']) } }),
  (random) => ({ service: 'ec2', action: 'CreateVpcEndpointServiceConfiguration', params: { 'NetworkLoadBalancerArn.1': elbv2Arn(random, 'loadbalancer/net') } }),
  (random) => ({ service: 'elasticloadbalancing', action: 'CreateLoadBalancer', params: { Name: pick(random, ['bad_name!', '-x', 'x'.repeat(40)]), Type: 'network', 'Subnets.member.1': `subnet-${hex(random, 17)}` } }),
  (random) => ({ service: 'elasticloadbalancing', action: 'RegisterTargets', params: { TargetGroupArn: elbv2Arn(random, 'targetgroup'), 'Targets.member.1.Id': `i-${hex(random, 17)}` } }),
  (random) => ({ service: 'elasticloadbalancing', action: 'CreateListener', params: { LoadBalancerArn: elbv2Arn(random, 'loadbalancer/net'), Protocol: 'TCP', Port: String(Math.floor(random() * 1e6)) } }),
  (random) => ({ service: 'ssm', action: 'SendCommand', params: { DocumentName: 'AWS-RunShellScript', InstanceIds: [`i-${hex(random, 17)}`], Parameters: { commands: [nasty(random)] } } }),
  (random) => ({ service: 'states', action: 'StartExecution', params: { stateMachineArn: `arn:aws:states:ap-northeast-2:000000000000:stateMachine:${token(random)}`, input: nasty(random) } }),
  (random) => ({ service: 'states', action: 'StopExecution', params: { executionArn: `arn:aws:states:ap-northeast-2:000000000000:execution:${token(random)}:${token(random)}` } }),
];

/** A well-formed call AWS refuses, in its service's protocol. */
function refusedRequest(random: Random): Omit<HostileRequest, 'method' | 'path' | 'expect'> & { service: ServiceDescription } {
  const call = pick(random, REFUSED_CALLS)(random);
  const service = SERVICES.find((candidate) => candidate.signingName === call.service) as ServiceDescription;
  const kind = `${call.service}:refused:${call.action}`;
  if (service.protocol.endsWith('Query')) {
    const params = new URLSearchParams({ Action: call.action, Version: service.apiVersion, ...(call.params as Record<string, string>) });
    return { kind, service, headers: { authorization: authorization(service.signingName), 'content-type': 'application/x-www-form-urlencoded' }, body: params.toString() };
  }
  const contentType = service.protocol === 'awsJson1_0' ? 'application/x-amz-json-1.0' : 'application/x-amz-json-1.1';
  return { kind, service, headers: { authorization: authorization(service.signingName), 'content-type': contentType, 'x-amz-target': `${service.targetPrefix}.${call.action}` }, body: JSON.stringify(call.params) };
}

const FORM: Readonly<Record<string, ErrorForm>> = { ec2Query: 'ec2', awsQuery: 'query', awsJson1_0: 'json', awsJson1_1: 'json' };

/** Headers nobody asked for, with names and values an HTTP client can still send. */
function strayHeaders(random: Random): Record<string, string> {
  const headers: Record<string, string> = {};
  for (let i = Math.floor(random() * 4); i > 0; i--) headers[`x-${token(random).toLowerCase()}`] = token(random, Math.floor(random() * 300));
  if (chance(random, 0.1)) headers['content-encoding'] = pick(random, ['gzip', 'br', 'identity, chunked']);
  if (chance(random, 0.1)) headers['content-type'] = pick(random, ['text/plain', 'application/json', 'multipart/form-data; boundary=x', token(random)]);
  return headers;
}

/**
 * Requests to the local cloud that no AWS service would accept, drawn from
 * `random` (seeded, so a run can be repeated): signed for a service or not,
 * over odd methods and paths, with stray headers, and now and then a body
 * over the size limit. Each names the error document it must be answered with.
 */
export function* hostileRequests(random: Random, count: number): Generator<HostileRequest> {
  for (let i = 0; i < count; i++) {
    const refused = chance(random, 0.25) ? refusedRequest(random) : undefined;
    const service = refused?.service ?? pick(random, SERVICES);
    const isQuery = service.protocol.endsWith('Query');
    const request =
      refused ?? (isQuery ? { ...queryRequest(random, service), headers: { authorization: authorization(service.signingName), 'content-type': 'application/x-www-form-urlencoded' } } : jsonRequest(random, service));
    const unsigned = chance(random, 0.1);
    const headers: Record<string, string> = { ...request.headers, ...strayHeaders(random) };
    if (unsigned) headers.authorization = pick(random, ['', 'Bearer x', `AWS4-HMAC-SHA256 Credential=${token(random)}`, authorization('rocketry')]);
    const oversized = chance(random, 0.005);
    const body = oversized ? `${request.body}&Pad=${'p'.repeat(MAX_BODY_BYTES)}` : request.body;
    const method = chance(random, 0.9) ? 'POST' : pick(random, ['PUT', 'DELETE', 'PATCH', 'GET']);
    const path = chance(random, 0.9) ? '/' : pick(random, ['/x', '/_local', `/${token(random)}/..`, '/?Action=RunInstances']);
    const get = method === 'GET';
    const target = get ? `${path.split('?')[0]}?${percentEncoded(request.body)}` : path;
    const headerBytes = target.length + Object.entries(headers).reduce((sum, [name, value]) => sum + name.length + value.length + 4, 0);
    yield {
      kind: `${request.kind}${oversized ? ':oversized' : ''}${unsigned ? ':unsigned' : ''}${get ? ':get' : ''}`,
      method,
      path: target,
      headers,
      body: get ? '' : body,
      expect: headerBytes > MAX_HEADER_BYTES ? 'http' : unsigned ? 'any' : (FORM[service.protocol] ?? 'any'),
    };
  }
}

const EC2_ERROR = /^(<\?xml[^>]*>\s*)?<Response><Errors><Error><Code>[^<]+<\/Code><Message>[^<]*<\/Message><\/Error><\/Errors><RequestID>[0-9a-f-]+<\/RequestID><\/Response>$/;
const QUERY_ERROR = /^(<\?xml[^>]*>\s*)?<ErrorResponse[^>]*><Error><Type>Sender<\/Type><Code>[^<]+<\/Code><Message>[^<]*<\/Message><\/Error><RequestId>[0-9a-f-]+<\/RequestId><\/ErrorResponse>$/;

function isJsonError(body: string): boolean {
  try {
    const parsed = JSON.parse(body) as { __type?: unknown; message?: unknown };
    return typeof parsed.__type === 'string' && parsed.__type !== '' && typeof parsed.message === 'string';
  } catch {
    return false;
  }
}

const FORMS: Readonly<Record<Exclude<ErrorForm, 'any' | 'http'>, (body: string) => boolean>> = {
  ec2: (body) => EC2_ERROR.test(body),
  query: (body) => QUERY_ERROR.test(body),
  json: isJsonError,
};

/** What is wrong with the answer to a hostile request, or undefined: a 4xx in the protocol's own error form. */
export function answerProblem(request: HostileRequest, answer: { readonly status: number; readonly body: string }): string | undefined {
  if (answer.status < 400 || answer.status > 499) return `${request.kind}: HTTP ${answer.status} ${answer.body.slice(0, 300)}`;
  if (request.expect === 'http') return undefined;
  const forms = request.expect === 'any' ? Object.values(FORMS) : [FORMS[request.expect]];
  if (!forms.some((isForm) => isForm(answer.body.trim()))) return `${request.kind}: HTTP ${answer.status}, not a ${request.expect} error document: ${answer.body.slice(0, 300)}`;
  return undefined;
}
