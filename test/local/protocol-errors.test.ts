import { CreateVpcCommand, DescribeVpcsCommand } from '@aws-sdk/client-ec2';
import { localCloudForTests } from '../support/local-cloud-fixture';

const local = localCloudForTests();

const ec2Auth = 'AWS4-HMAC-SHA256 Credential=test/20261126/ap-northeast-2/ec2/aws4_request, SignedHeaders=host, Signature=x';
const stsAuth = ec2Auth.replace('/ec2/', '/sts/');

async function post(body: string, headers: Record<string, string> = { authorization: ec2Auth }) {
  const response = await fetch(local.cloud.endpoint, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body });
  return { status: response.status, text: await response.text() };
}

const vpcCount = async () => (await local.ec2.send(new DescribeVpcsCommand({}))).Vpcs?.length ?? 0;

test('an unknown EC2 action is InvalidAction in EC2 error form', async () => {
  const answer = await post('Action=LaunchRockets&Version=2016-11-15');
  expect(answer.status).toBe(400);
  expect(answer.text).toMatch(/<Response><Errors><Error><Code>InvalidAction<\/Code><Message>[^<]+<\/Message><\/Error><\/Errors><RequestID>[0-9a-f-]{36}<\/RequestID><\/Response>/);
});

test('an awsQuery service answers errors as ErrorResponse with a Sender type', async () => {
  const answer = await post('Action=Nope&Version=2011-06-15', { authorization: stsAuth });
  expect(answer.status).toBe(400);
  expect(answer.text).toContain('<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>InvalidAction</Code>');
});

test('a parameter no member claims is refused as EC2 does, and nothing is created', async () => {
  const before = await vpcCount();
  const answer = await post('Action=CreateVpc&Version=2016-11-15&CidrBlock=10.9.0.0%2F16&Colour=blue');
  expect(answer.text).toContain('<Code>UnknownParameter</Code>');
  expect(await vpcCount()).toBe(before);
});

test('a value of the wrong type is InvalidParameterValue', async () => {
  const answer = await post('Action=DescribeVpcs&Version=2016-11-15&MaxResults=many');
  expect(answer.status).toBe(400);
  expect(answer.text).toContain('<Code>InvalidParameterValue</Code>');
});

test('a missing required parameter is MissingParameter', async () => {
  const error = await local.ec2.send(new CreateVpcCommand({})).catch((e: unknown) => e);
  expect(error).toMatchObject({ name: 'MissingParameter' });
});

test('DryRun answers DryRunOperation and changes nothing', async () => {
  const before = await vpcCount();
  const error = await local.ec2.send(new CreateVpcCommand({ CidrBlock: '10.8.0.0/16', DryRun: true })).catch((e: unknown) => e);
  expect(error).toMatchObject({ name: 'DryRunOperation', $metadata: { httpStatusCode: 412 } });
  expect(await vpcCount()).toBe(before);
});

test('a request naming no service is refused with a hint', async () => {
  const answer = await post('hello', {});
  expect(answer.status).toBe(400);
  expect(JSON.parse(answer.text)).toMatchObject({ __type: 'UnrecognizedClientException' });
});

test('an oversized body is refused with 413 and the server keeps serving', async () => {
  const answer = await post(`Action=DescribeVpcs&Version=2016-11-15&x=${'a'.repeat(2 * 1024 * 1024)}`);
  expect(answer.status).toBe(413);
  expect(answer.text).toContain('<Code>RequestEntityTooLarge</Code>');
  expect(await vpcCount()).toBeGreaterThanOrEqual(0);
});

test('random garbage never crashes the server nor changes its state', async () => {
  const before = local.cloud.runtime.store.contents();
  const bodies = ['', '&&&', 'Action=', 'Action=CreateVpc', 'Action=CreateVpc&CidrBlock=999.1.1.1%2F16', '%ZZ', 'Action=CreateVpc&TagSpecification.1.Tag.1.Key=a', 'Action=DescribeVpcs&Filter.1.Name=zzz&Filter.1.Value.1=x'];
  for (let i = 0; i < 200; i++) {
    const body = i < bodies.length ? (bodies[i] as string) : Buffer.from(Array.from({ length: 64 }, (_, j) => (i * 31 + j * 17) % 256)).toString('latin1');
    const answer = await post(body);
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.status).toBeLessThan(500);
  }
  expect(local.cloud.runtime.store.contents()).toEqual(before);
});
