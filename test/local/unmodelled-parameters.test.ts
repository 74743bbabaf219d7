import {
  CreateSubnetCommand,
  CreateVpcCommand,
  CreateVpcEndpointServiceConfigurationCommand,
  DescribeInstancesCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  ModifyVpcAttributeCommand,
  RunInstancesCommand,
  type RunInstancesCommandInput,
} from '@aws-sdk/client-ec2';
import { CreateListenerCommand, DescribeLoadBalancersCommand, DescribeTargetHealthCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { GetServiceQuotaCommand, ServiceQuotasClient } from '@aws-sdk/client-service-quotas';
import { SendCommandCommand } from '@aws-sdk/client-ssm';
import { vpcWithSubnet } from '../support/lab-network';
import { clientConfig, localCloudForTests } from '../support/local-cloud-fixture';
import { AMI, createNlb, createTcpTargetGroup, elbv2Refusal, nlbNetwork } from '../support/nlb-lab';
import { refused } from '../support/refused';

const local = localCloudForTests();

const notModelled = (parameter: string, action: string) => `The local cloud does not model the parameter ${parameter} of ${action}, and refuses the request rather than ignore it.`;
const valueNotModelled = (assignment: string, action: string, modelled: string) =>
  `The local cloud does not model ${assignment} in ${action} (only ${modelled}), and refuses the request rather than ignore it.`;

describe('EC2 refuses, with UnsupportedOperation, a parameter it does not model, and makes nothing', () => {
  let network: Awaited<ReturnType<typeof vpcWithSubnet>>;
  beforeAll(async () => {
    network = await vpcWithSubnet(local.ec2, '10.0.0.0/16', '10.0.1.0/24');
  });

  test('CreateVpc asking for an Amazon-provided IPv6 block', async () => {
    const vpcs = async () => (await local.ec2.send(new DescribeVpcsCommand({}))).Vpcs?.length;
    const before = await vpcs();
    const error = await refused(local.ec2.send(new CreateVpcCommand({ CidrBlock: '10.1.0.0/16', AmazonProvidedIpv6CidrBlock: true })));
    expect(error).toMatchObject({
      name: 'UnsupportedOperation',
      message: valueNotModelled('AmazonProvidedIpv6CidrBlock=true', 'CreateVpc', 'false'),
      $metadata: { httpStatusCode: 400, requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) },
    });
    expect(await vpcs()).toBe(before);
    expect((await local.ec2.send(new CreateVpcCommand({ CidrBlock: '10.1.0.0/16', AmazonProvidedIpv6CidrBlock: false }))).Vpc?.CidrBlock).toBe('10.1.0.0/16');
  });

  test('CreateSubnet of an IPv6-only subnet', async () => {
    const error = await refused(local.ec2.send(new CreateSubnetCommand({ VpcId: network.vpcId, CidrBlock: '10.0.2.0/24', Ipv6Native: true })));
    expect(error).toMatchObject({ name: 'UnsupportedOperation', message: valueNotModelled('Ipv6Native=true', 'CreateSubnet', 'false') });
    const inBlock = { Filters: [{ Name: 'cidr-block', Values: ['10.0.2.0/24'] }] };
    expect((await local.ec2.send(new DescribeSubnetsCommand(inBlock))).Subnets).toEqual([]);
    expect((await local.ec2.send(new CreateSubnetCommand({ VpcId: network.vpcId, CidrBlock: '10.0.2.0/24', Ipv6Native: false }))).Subnet?.Ipv6Native).toBe(false);
  });

  test('RunInstances keeping its new interface after termination', async () => {
    const launch = (DeleteOnTermination: boolean) =>
      local.ec2.send(
        new RunInstancesCommand({
          ImageId: AMI,
          InstanceType: 't3.micro',
          MinCount: 1,
          MaxCount: 1,
          ClientToken: `keep-interface-${DeleteOnTermination}`,
          NetworkInterfaces: [{ DeviceIndex: 0, SubnetId: network.subnetId, DeleteOnTermination }],
        }),
      );
    const error = await refused(launch(false));
    expect(error).toMatchObject({ name: 'UnsupportedOperation', message: valueNotModelled('NetworkInterfaces[0].DeleteOnTermination=false', 'RunInstances', 'true') });
    const byToken = { Filters: [{ Name: 'client-token', Values: ['keep-interface-false'] }] };
    expect((await local.ec2.send(new DescribeInstancesCommand(byToken))).Reservations).toEqual([]);
    const { Instances } = await launch(true);
    expect(Instances?.[0]?.NetworkInterfaces?.[0]?.Attachment?.DeleteOnTermination).toBe(true);
  });

  test('a member of a structure, or of a structure in a list, named by its path', async () => {
    const launch: RunInstancesCommandInput = { ImageId: AMI, InstanceType: 't3.micro', MinCount: 1, MaxCount: 1, SubnetId: network.subnetId };
    expect(await refused(local.ec2.send(new RunInstancesCommand({ ...launch, MetadataOptions: { HttpTokens: 'required' } })))).toMatchObject({
      name: 'UnsupportedOperation',
      message: notModelled('MetadataOptions', 'RunInstances'),
    });
    const pinned = { ...launch, SubnetId: undefined, NetworkInterfaces: [{ DeviceIndex: 0, SubnetId: network.subnetId, PrivateIpAddress: '10.0.1.10' }] };
    expect((await refused(local.ec2.send(new RunInstancesCommand(pinned)))).message).toBe(notModelled('NetworkInterfaces[0].PrivateIpAddress', 'RunInstances'));
    const metrics = new ModifyVpcAttributeCommand({ VpcId: network.vpcId, EnableNetworkAddressUsageMetrics: { Value: true } });
    expect((await refused(local.ec2.send(metrics))).message).toBe(notModelled('EnableNetworkAddressUsageMetrics', 'ModifyVpcAttribute'));
  });

  test('a value of a list the model carries out in part, named by its place in the list', async () => {
    const service = new CreateVpcEndpointServiceConfigurationCommand({
      NetworkLoadBalancerArns: ['arn:aws:elasticloadbalancing:ap-northeast-2:000000000000:loadbalancer/net/web/0123456789abcdef'],
      SupportedIpAddressTypes: ['ipv4', 'ipv6'],
    });
    expect((await refused(local.ec2.send(service))).message).toBe(valueNotModelled('SupportedIpAddressTypes[1]=ipv6', 'CreateVpcEndpointServiceConfiguration', 'ipv4'));
  });

  test('a dry run of such a request is refused too, never told it would have succeeded', async () => {
    const error = await refused(local.ec2.send(new CreateVpcCommand({ CidrBlock: '10.2.0.0/16', AmazonProvidedIpv6CidrBlock: true, DryRun: true })));
    expect(error.name).toBe('UnsupportedOperation');
    expect((await refused(local.ec2.send(new CreateVpcCommand({ CidrBlock: '10.2.0.0/16', DryRun: true })))).name).toBe('DryRunOperation');
  });
});

describe('ELBv2 refuses, with ValidationError, a parameter it does not model, and makes nothing', () => {
  let network: Awaited<ReturnType<typeof nlbNetwork>>;
  beforeAll(async () => {
    network = await nlbNetwork(local.ec2, 3);
  });

  test('a dual-stack load balancer', async () => {
    const error = await elbv2Refusal(createNlb(local.elbv2, { Name: 'dual-stack', Subnets: [network.subnetA], IpAddressType: 'dualstack' }));
    expect(error).toEqual({ code: 'ValidationError', message: valueNotModelled('IpAddressType=dualstack', 'CreateLoadBalancer', 'ipv4') });
    expect((await elbv2Refusal(local.elbv2.send(new DescribeLoadBalancersCommand({ Names: ['dual-stack'] })))).code).toBe('LoadBalancerNotFound');
  });

  test('target health with anomaly detection, and a forward action that carries a fixed response', async () => {
    const group = await createTcpTargetGroup(local.elbv2, { Name: 'unmodelled', VpcId: network.vpcId });
    const health = local.elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: group.TargetGroupArn, Include: ['AnomalyDetection'] }));
    expect(await elbv2Refusal(health)).toEqual({ code: 'ValidationError', message: notModelled('Include', 'DescribeTargetHealth') });

    const balancer = await createNlb(local.elbv2, { Name: 'unmodelled-lb', Subnets: [network.subnetA] });
    const listener = local.elbv2.send(
      new CreateListenerCommand({
        LoadBalancerArn: balancer.LoadBalancerArn,
        Protocol: 'TCP',
        Port: 80,
        DefaultActions: [{ Type: 'forward', TargetGroupArn: group.TargetGroupArn, FixedResponseConfig: { StatusCode: '200' } }],
      }),
    );
    expect(await elbv2Refusal(listener)).toEqual({ code: 'ValidationError', message: notModelled('DefaultActions[0].FixedResponseConfig', 'CreateListener') });
  });
});

describe('JSON services refuse a parameter they do not model in their own validation form', () => {
  test('SSM: a command writing its output to S3 is ValidationException', async () => {
    const send = new SendCommandCommand({ DocumentName: 'AWS-RunShellScript', InstanceIds: ['i-0123456789abcdef0'], Parameters: { commands: ['true'] }, OutputS3BucketName: 'logs' });
    expect(await refused(local.ssm.send(send))).toMatchObject({ name: 'ValidationException', message: notModelled('OutputS3BucketName', 'SendCommand'), $metadata: { httpStatusCode: 400 } });
  });

  test('Service Quotas: a quota of a resource, by ContextId, is IllegalArgumentException', async () => {
    const quotas = new ServiceQuotasClient(clientConfig(local.cloud.endpoint));
    const get = new GetServiceQuotaCommand({ ServiceCode: 'vpc', QuotaCode: 'L-F678F1CE', ContextId: 'vpc-0123456789abcdef0' });
    expect(await refused(quotas.send(get))).toMatchObject({ name: 'IllegalArgumentException', message: notModelled('ContextId', 'GetServiceQuota') });
  });
});
