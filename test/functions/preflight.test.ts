import {
  DescribeAvailabilityZonesCommand,
  DescribeInstanceTypeOfferingsCommand,
  DescribeVpcEndpointServicesCommand,
  DescribeVpcEndpointsCommand,
  DescribeVpcsCommand,
  EC2Client,
  type ServiceDetail,
  type Vpc,
  type VpcEndpoint,
} from '@aws-sdk/client-ec2';
import { GetServiceQuotaCommand, NoSuchResourceException, ServiceQuotasClient, TooManyRequestsException } from '@aws-sdk/client-service-quotas';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { handler } from '../../functions/handlers/preflight';
import { readAsl } from '../support/teardown-driver';
import { ACCOUNT, invoke, otherRunTags, REGION, run, tagsOf } from './build-fixtures';

const ec2 = mockClient(EC2Client);
const ssm = mockClient(SSMClient);
const sts = mockClient(STSClient);
const quotas = mockClient(ServiceQuotasClient);

const zone = (letter: string) => ({ ZoneName: `${REGION}${letter}`, State: 'available' as const });
const zoneNames = (letters: string) => [...letters].map((letter) => `${REGION}${letter}`);
/** The answer of DescribeInstanceTypeOfferings by zone: t3.micro in the zones given. */
const t3MicroIn = (letters: string) => ({ InstanceTypeOfferings: zoneNames(letters).map((Location) => ({ InstanceType: 't3.micro' as const, LocationType: 'availability-zone' as const, Location })) });
const service = (name: string, letters = 'abcd'): ServiceDetail => ({ ServiceName: `com.amazonaws.${REGION}.${name}`, ServiceType: [{ ServiceType: 'Interface' }], AvailabilityZones: zoneNames(letters) });
/** DescribeVpcEndpointServices for the services asked, each in zones a to d unless `zonesOf` says otherwise. */
function servicesIn(zonesOf: Record<string, string> = {}) {
  ec2.on(DescribeVpcEndpointServicesCommand).callsFake((input: { ServiceNames?: string[] }) => ({
    ServiceDetails: (input.ServiceNames ?? []).map((name) => service(name.split('.').pop()!, zonesOf[name.split('.').pop()!])),
  }));
}
/** VPCs of others: untagged, or another run's. */
const vpcs = (count: number): Vpc[] => Array.from({ length: count }, (_, n) => ({ VpcId: `vpc-${n}`, Tags: n % 2 === 0 ? [] : otherRunTags }));
const noRecordedQuota = () => new NoSuchResourceException({ message: 'The request failed because the specified service does not exist.', $metadata: {} });

beforeEach(() => {
  for (const mock of [ec2, ssm, sts, quotas]) mock.reset();
  ec2.on(DescribeAvailabilityZonesCommand).resolves({ AvailabilityZones: [zone('c'), zone('a'), zone('b')] });
  ec2.on(DescribeInstanceTypeOfferingsCommand).resolves(t3MicroIn('abc'));
  servicesIn();
  ec2.on(DescribeVpcsCommand).resolves({ Vpcs: vpcs(1) });
  ec2.on(DescribeVpcEndpointsCommand).resolves({ VpcEndpoints: [] });
  ssm.on(GetParameterCommand).resolves({ Parameter: { Value: 'ami-0123456789abcdef0' } });
  sts.on(GetCallerIdentityCommand).resolves({ Account: ACCOUNT });
  quotas.on(GetServiceQuotaCommand).rejects(noRecordedQuota());
});

test('plans the run: two available zones by name, the latest Amazon Linux 2023 AMI, the account and the lessons of its scenario', async () => {
  const plan = await invoke(handler, { run: { ...run, scenario: 'gateway' } });
  expect(plan).toEqual({ amiId: 'ami-0123456789abcdef0', zones: [`${REGION}a`, `${REGION}b`], lessons: { gateway: true, interface: false, service: false }, accountId: ACCOUNT });
  expect(ssm.commandCalls(GetParameterCommand)[0]!.args[0].input).toEqual({ Name: '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64' });
  expect(ec2.commandCalls(DescribeAvailabilityZonesCommand)[0]!.args[0].input.Filters).toContainEqual({ Name: 'state', Values: ['available'] });
});

test('asks which zones offer t3.micro and the endpoints of the interface services its scenario uses', async () => {
  await invoke(handler, { run: { ...run, scenario: 'gateway' } });
  expect(ec2.commandCalls(DescribeInstanceTypeOfferingsCommand)[0]!.args[0].input).toEqual({ LocationType: 'availability-zone', Filters: [{ Name: 'instance-type', Values: ['t3.micro'] }] });
  // The gateway lab reaches no AWS service by interface endpoint; asked with no names, EC2 would list them all.
  expect(ec2.commandCalls(DescribeVpcEndpointServicesCommand)).toHaveLength(0);

  await invoke(handler, { run });
  expect(ec2.commandCalls(DescribeVpcEndpointServicesCommand).at(-1)!.args[0].input).toMatchObject({
    ServiceNames: [`com.amazonaws.${REGION}.cloudformation`],
    Filters: [{ Name: 'service-type', Values: ['Interface'] }],
  });
});

test('keeps only the zones that offer t3.micro and every interface service, first by name', async () => {
  ec2.on(DescribeAvailabilityZonesCommand).resolves({ AvailabilityZones: ['d', 'c', 'b', 'a'].map(zone) });
  ec2.on(DescribeInstanceTypeOfferingsCommand).resolves(t3MicroIn('bcd'));
  servicesIn({ cloudformation: 'acd' });
  await expect(invoke(handler, { run })).resolves.toMatchObject({ zones: zoneNames('cd') });
  // Without the interface lesson, CloudFormation's zones do not matter.
  await expect(invoke(handler, { run: { ...run, scenario: 'service' } })).resolves.toMatchObject({ zones: zoneNames('bc') });
});

test('follows every page of both answers', async () => {
  ec2.on(DescribeInstanceTypeOfferingsCommand).resolvesOnce({ ...t3MicroIn('a'), NextToken: 'more' }).resolves(t3MicroIn('b'));
  ec2.on(DescribeVpcEndpointServicesCommand)
    .resolvesOnce({ ServiceDetails: [service('cloudformation', 'a')], NextToken: 'more' })
    .resolves({ ServiceDetails: [service('cloudformation', 'b')] });
  await expect(invoke(handler, { run })).resolves.toMatchObject({ zones: zoneNames('ab') });
  // The SDK's paginator sets NextToken on the one input it sends each time, so the calls show only how many pages it asked for.
  expect(ec2.commandCalls(DescribeInstanceTypeOfferingsCommand)).toHaveLength(2);
  expect(ec2.commandCalls(DescribeVpcEndpointServicesCommand).map((call) => call.args[0].input.NextToken)).toEqual([undefined, 'more']);
});

test('fewer than two qualifying zones are refused, naming what each other zone lacks, before any quota is read', async () => {
  ec2.on(DescribeInstanceTypeOfferingsCommand).resolves(t3MicroIn('bc'));
  servicesIn({ cloudformation: 'ab' });
  const refusal = invoke(handler, { run });
  await expect(refusal).rejects.toMatchObject({ name: 'LabStepFailed' });
  await expect(refusal).rejects.toThrow(
    `ap-northeast-2 has 1 available Availability Zone(s) offering t3.micro and the endpoints of com.amazonaws.ap-northeast-2.cloudformation (ap-northeast-2b); the lab's load balancer needs two. ` +
      `ap-northeast-2a does not offer t3.micro; ap-northeast-2c does not offer com.amazonaws.ap-northeast-2.cloudformation. Choose another region.`,
  );
  expect(quotas.commandCalls(GetServiceQuotaCommand)).toHaveLength(0);
});

test('a region that does not offer an interface service at all is refused naming it, with EC2\'s answer as the cause', async () => {
  const invalidName = Object.assign(new Error("The Vpc Endpoint Service 'com.amazonaws.ap-northeast-2.cloudformation' does not exist"), { name: 'InvalidServiceName' });
  ec2.on(DescribeVpcEndpointServicesCommand).rejects(invalidName);
  const refusal = invoke(handler, { run });
  await expect(refusal).rejects.toMatchObject({
    name: 'LabStepFailed',
    message: expect.stringContaining("ap-northeast-2 does not offer every AWS service the full lab reaches by interface endpoint"),
    cause: invalidName,
  });
  await expect(refusal).rejects.toThrow(/'com\.amazonaws\.ap-northeast-2\.cloudformation' does not exist\. Choose another region\./);
  expect(quotas.commandCalls(GetServiceQuotaCommand)).toHaveLength(0);
});

test('a region with a single available zone is refused before any quota is read', async () => {
  ec2.on(DescribeAvailabilityZonesCommand).resolves({ AvailabilityZones: [zone('a')] });
  await expect(invoke(handler, { run })).rejects.toMatchObject({ name: 'LabStepFailed', message: expect.stringContaining('1 available Availability Zone') });
  expect(quotas.commandCalls(GetServiceQuotaCommand)).toHaveLength(0);
});

test("refuses a lab whose VPCs would not fit under AWS's default VPC quota, naming the quota and how to raise it", async () => {
  ec2.on(DescribeVpcsCommand).resolves({ Vpcs: vpcs(4) });
  const refusal = invoke(handler, { run });
  await expect(refusal).rejects.toMatchObject({ name: 'QuotaExhausted' });
  await expect(refusal).rejects.toThrow(/needs 2 VPCs but ap-northeast-2 has room for 1 \(quota "VPCs per Region", vpc\/L-F678F1CE: 5, 4 in use\)/);
  await expect(refusal).rejects.toThrow('aws service-quotas request-service-quota-increase --region ap-northeast-2 --service-code vpc --quota-code L-F678F1CE --desired-value 6');
});

test("the run's own VPCs (a preflight run again) do not count against the quota", async () => {
  ec2.on(DescribeVpcsCommand).resolves({ Vpcs: [...vpcs(3), { VpcId: 'vpc-mine', Tags: tagsOf('consumer-vpc') }] });
  await expect(invoke(handler, { run })).resolves.toMatchObject({ accountId: ACCOUNT });
});

test('an applied quota value is used instead of the default', async () => {
  ec2.on(DescribeVpcsCommand).resolves({ Vpcs: vpcs(7) });
  quotas.on(GetServiceQuotaCommand, { ServiceCode: 'vpc', QuotaCode: 'L-F678F1CE' }).resolves({ Quota: { Value: 10 } });
  await expect(invoke(handler, { run })).resolves.toMatchObject({ accountId: ACCOUNT });
});

test('gateway endpoints in use count against their regional quota, deleted ones do not', async () => {
  // EC2 sends endpoint states in lower camel case, unlike the SDK's enum.
  const endpoints = (count: number, state: string): VpcEndpoint[] => Array.from({ length: count }, (_, n) => ({ VpcEndpointId: `vpce-${state}-${n}`, State: state as VpcEndpoint['State'] }));
  ec2.on(DescribeVpcEndpointsCommand).resolves({ VpcEndpoints: [...endpoints(18, 'available'), ...endpoints(5, 'deleted')] });
  await expect(invoke(handler, { run })).resolves.toMatchObject({ accountId: ACCOUNT });
  expect(ec2.commandCalls(DescribeVpcEndpointsCommand)[0]!.args[0].input.Filters).toEqual([{ Name: 'vpc-endpoint-type', Values: ['Gateway'] }]);

  ec2.on(DescribeVpcEndpointsCommand).resolves({ VpcEndpoints: endpoints(19, 'available') });
  await expect(invoke(handler, { run })).rejects.toMatchObject({
    name: 'QuotaExhausted',
    message: expect.stringContaining('quota "Gateway VPC endpoints per Region", vpc/L-1B52E74A: 20, 19 in use'),
  });
});

test('a scenario without the gateway lesson does not look at gateway endpoints', async () => {
  await invoke(handler, { run: { ...run, scenario: 'interface' } });
  expect(ec2.commandCalls(DescribeVpcEndpointsCommand)).toHaveLength(0);
  expect(quotas.commandCalls(GetServiceQuotaCommand).map((call) => call.args[0].input.QuotaCode)).toEqual(['L-F678F1CE', 'L-29B6F2EB']);
});

test('a quota that cannot be read fails the step with the AWS error code', async () => {
  quotas.on(GetServiceQuotaCommand).rejects(Object.assign(new Error('User is not authorized'), { name: 'AccessDeniedException' }));
  await expect(invoke(handler, { run })).rejects.toThrow('could not read the quota "VPCs per Region" (vpc/L-F678F1CE): AccessDeniedException: User is not authorized');
});

test("Service Quotas' throttling reaches the workflow as TooManyRequestsException, a name the Preflight state's throttling Retry matches", async () => {
  const throttled = new TooManyRequestsException({ message: 'Rate exceeded', $metadata: { httpStatusCode: 400 } });
  quotas.on(GetServiceQuotaCommand).rejects(throttled);
  await expect(invoke(handler, { run })).rejects.toBe(throttled);
  const retriers = readAsl('lab-run.asl.json').States.Preflight!.Retry ?? [];
  const throttlingRetry = retriers.find((retrier) => retrier.ErrorEquals.includes('RequestLimitExceeded'));
  expect(throttlingRetry?.ErrorEquals).toContain(throttled.name);
});

test('a run for another region than the functions work in is refused before any call', async () => {
  await expect(invoke(handler, { run: { ...run, region: 'us-east-1' } })).rejects.toMatchObject({ name: 'LabInputInvalid', message: expect.stringContaining('us-east-1') });
  expect(ec2.calls()).toHaveLength(0);
});

test('a malformed run is refused as LabInputInvalid', async () => {
  await expect(invoke(handler, { run: { ...run, runId: 'my-lab' } })).rejects.toMatchObject({ name: 'LabInputInvalid' });
  expect(ec2.calls()).toHaveLength(0);
});
