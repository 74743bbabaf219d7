import { CreateVpcCommand, CreateVpcEndpointCommand, DeleteVpcCommand, DescribeInstanceTypeOfferingsCommand, EC2Client, RunInstancesCommand } from '@aws-sdk/client-ec2';
import { CreateLoadBalancerCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { SendCommandCommand, SSMClient } from '@aws-sdk/client-ssm';
import { DecodeAuthorizationMessageCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { TAG } from '../../functions/commons/lab-tags';
import { LabIdentities } from '../../local/iam/lab-identities';
import { ServiceAuthorization, UnmodelledAuthorization } from '../../local/iam/service-authorization';
import { LOCAL_ACCOUNT_ID } from '../../local/cloud/cloud-runtime';
import { localCloudForTests, REGION } from '../support/local-cloud-fixture';
import { refused } from '../support/refused';

const identities = LabIdentities.fromFile({ partition: 'aws', region: REGION, accountId: LOCAL_ACCOUNT_ID });
const local = localCloudForTests({ iam: identities });

/** Real SDK clients signing as the lab function `id` does in the local Lambda. */
function asFunction(id: string) {
  const credentials = identities.credentialsOf(`vpce-lab-${id}`);
  if (!credentials) throw new Error(`no credentials for ${id}`);
  const config = {
    region: REGION,
    endpoint: local.cloud.endpoint,
    credentials: { accessKeyId: credentials.AWS_ACCESS_KEY_ID, secretAccessKey: credentials.AWS_SECRET_ACCESS_KEY, sessionToken: credentials.AWS_SESSION_TOKEN },
    maxAttempts: 1,
  };
  return { ec2: new EC2Client(config), elbv2: new ElasticLoadBalancingV2Client(config), ssm: new SSMClient(config), sts: new STSClient(config) };
}

const runTags = (resourceType: 'vpc' | 'vpc-endpoint' | 'instance') => [{ ResourceType: resourceType, Tags: [{ Key: TAG.managed, Value: 'true' }, { Key: TAG.runId, Value: 'lab-20261203-0000-abcd' }] }];

async function labVpc(): Promise<string> {
  const { Vpc } = await asFunction('BuildConsumerNetwork').ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16', TagSpecifications: runTags('vpc') }));
  return Vpc?.VpcId ?? '';
}

test('a lab function is its role session; any other caller keeps full access', async () => {
  const identity = await asFunction('Preflight').sts.send(new GetCallerIdentityCommand({}));
  expect(identity.Arn).toMatch(new RegExp(`^arn:aws:sts::${LOCAL_ACCOUNT_ID}:assumed-role/PreflightRole[0-9A-F]+/vpce-lab-Preflight$`));
  expect(identity.UserId).toMatch(/^AROA[A-Z2-7]{16}:vpce-lab-Preflight$/);
  const { Vpc } = await local.ec2.send(new CreateVpcCommand({ CidrBlock: '10.9.0.0/16' }));
  expect(Vpc?.VpcId).toMatch(/^vpc-/);
});

test('a create without the run tags is refused with UnauthorizedOperation, naming the action and resource, its message decodable by STS', async () => {
  const error = await refused(asFunction('BuildConsumerNetwork').ec2.send(new CreateVpcCommand({ CidrBlock: '10.1.0.0/16' })));
  expect(error.name).toBe('UnauthorizedOperation');
  expect(error.$metadata.httpStatusCode).toBe(403);
  expect(error.message).toContain(`is not authorized to perform: ec2:CreateVpc on resource: arn:aws:ec2:${REGION}:${LOCAL_ACCOUNT_ID}:vpc/*`);
  const encoded = /Encoded authorization failure message: (\S+)/.exec(error.message)?.[1] ?? '';
  const { DecodedMessage } = await local.sts.send(new DecodeAuthorizationMessageCommand({ EncodedMessage: encoded }));
  expect(JSON.parse(DecodedMessage ?? '{}')).toMatchObject({ allowed: false, context: { action: 'ec2:CreateVpc', resource: `arn:aws:ec2:${REGION}:${LOCAL_ACCOUNT_ID}:vpc/*` } });
  await expect(labVpc()).resolves.toMatch(/^vpc-/);
});

test('a dry run asks IAM: UnauthorizedOperation without the permission, DryRunOperation with it', async () => {
  const network = asFunction('BuildConsumerNetwork').ec2;
  expect((await refused(network.send(new CreateVpcCommand({ CidrBlock: '10.2.0.0/16', DryRun: true })))).name).toBe('UnauthorizedOperation');
  expect((await refused(network.send(new CreateVpcCommand({ CidrBlock: '10.2.0.0/16', DryRun: true, TagSpecifications: runTags('vpc') })))).name).toBe('DryRunOperation');
});

test('DescribeInstanceTypeOfferings, which has no resource-level permissions, is authorized on "*": the Preflight role has it, another step\'s has not', async () => {
  const offerings = new DescribeInstanceTypeOfferingsCommand({ LocationType: 'availability-zone', Filters: [{ Name: 'instance-type', Values: ['t3.micro'] }] });
  expect((await asFunction('Preflight').ec2.send(offerings)).InstanceTypeOfferings).toHaveLength(4);
  expect((await refused(asFunction('BuildConsumerNetwork').ec2.send(offerings))).message).toContain('is not authorized to perform: ec2:DescribeInstanceTypeOfferings on resource: *');
});

test('a delete of an untagged resource is refused; of the run\'s own, allowed; a step may not do another step\'s work', async () => {
  const { Vpc: untagged } = await local.ec2.send(new CreateVpcCommand({ CidrBlock: '10.3.0.0/16' }));
  const teardown = asFunction('DeleteNetworks').ec2;
  const error = await refused(teardown.send(new DeleteVpcCommand({ VpcId: untagged?.VpcId })));
  expect(error.message).toContain(`ec2:DeleteVpc on resource: arn:aws:ec2:${REGION}:${LOCAL_ACCOUNT_ID}:vpc/${untagged?.VpcId}`);
  const tagged = await labVpc();
  expect((await refused(asFunction('Preflight').ec2.send(new DeleteVpcCommand({ VpcId: tagged })))).name).toBe('UnauthorizedOperation');
  await expect(teardown.send(new DeleteVpcCommand({ VpcId: tagged }))).resolves.toBeDefined();
});

test('each endpoint step connects only to its own endpoint services', async () => {
  const VpcId = await labVpc();
  const endpoint = (service: string) => ({ VpcId, ServiceName: `com.amazonaws.${REGION}.${service}`, VpcEndpointType: 'Gateway' as const, TagSpecifications: runTags('vpc-endpoint') });
  const gateways = asFunction('CreateGatewayEndpoints').ec2;
  await expect(gateways.send(new CreateVpcEndpointCommand(endpoint('s3')))).resolves.toBeDefined();
  // The interface lesson's role may create an interface endpoint to CloudFormation, never a gateway to S3.
  const error = await refused(asFunction('CreateInterfaceEndpoint').ec2.send(new CreateVpcEndpointCommand(endpoint('s3'))));
  expect(error.message).toContain('ec2:CreateVpcEndpoint on resource');
  // The service endpoint's role connects to this account's endpoint services only, not to AWS's.
  expect((await refused(asFunction('CreateServiceEndpoint').ec2.send(new CreateVpcEndpointCommand(endpoint('dynamodb'))))).name).toBe('UnauthorizedOperation');
});

test('a launch is the launch steps\' alone, and names an instance profile IAM has', async () => {
  const launch = (id: string, profile: string) =>
    asFunction(id).ec2.send(new RunInstancesCommand({ ImageId: 'ami-0123456789abcdef0', MinCount: 1, MaxCount: 1, IamInstanceProfile: { Arn: profile }, TagSpecifications: runTags('instance') }));
  const [profile = ''] = identities.instanceProfiles.keys();
  const error = await refused(launch('BuildConsumerNetwork', profile));
  expect(error.name).toBe('UnauthorizedOperation');
  expect(error.message).toContain('ec2:RunInstances');
  const unknown = await refused(launch('LaunchConsumerInstances', `arn:aws:iam::${LOCAL_ACCOUNT_ID}:instance-profile/nobody`));
  expect(unknown).toMatchObject({ name: 'InvalidParameterValue', message: expect.stringContaining('Invalid IAM Instance Profile') });
});

test('ELBv2 refuses with AccessDenied and the JSON services with AccessDeniedException, each naming action and resource', async () => {
  const elb = await refused(asFunction('CreateLoadBalancer').elbv2.send(new CreateLoadBalancerCommand({ Name: 'untagged', Type: 'network', Subnets: ['subnet-0123456789abcdef0'] })));
  expect(elb).toMatchObject({ name: 'AccessDenied', $metadata: { httpStatusCode: 403 } });
  expect(elb.message).toContain(`elasticloadbalancing:CreateLoadBalancer on resource: arn:aws:elasticloadbalancing:${REGION}:${LOCAL_ACCOUNT_ID}:loadbalancer/net/untagged/*`);
  const ssm = await refused(asFunction('CollectChecks').ssm.send(new SendCommandCommand({ DocumentName: 'AWS-RunShellScript', InstanceIds: ['i-0123456789abcdef0'], Parameters: { commands: ['true'] } })));
  expect(ssm).toMatchObject({ name: 'AccessDeniedException', $metadata: { httpStatusCode: 400 } });
  expect(ssm.message).toContain('ssm:SendCommand on resource: arn:aws:ssm:');
});

test('a resource of a type the Service Authorization Reference does not list for the action is a defect, refused rather than evaluated', async () => {
  const sar = await ServiceAuthorization.load(['ec2:CreateVpc']);
  expect(() => sar.admit({ action: 'ec2:CreateVpc', resource: `arn:aws:ec2:${REGION}:${LOCAL_ACCOUNT_ID}:subnet/*`, context: {} })).toThrow(UnmodelledAuthorization);
  expect(sar.admit({ action: 'ec2:CreateVpc', resource: `arn:aws:ec2:${REGION}:${LOCAL_ACCOUNT_ID}:subnet/*`, context: {}, ifListed: true })).toBeUndefined();
  expect(sar.admit({ action: 'ec2:CreateVpc', resource: `arn:aws:ec2:${REGION}:${LOCAL_ACCOUNT_ID}:vpc/*`, context: { 'aws:RequestTag/a': 'b', 'ec2:VpceServiceName': 'x' } })?.context).toEqual({ 'aws:RequestTag/a': 'b' });
});
