import {
  AcceptVpcEndpointConnectionsCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  CreateVpcEndpointCommand,
  DescribePrefixListsCommand,
  DeleteVpcEndpointServiceConfigurationsCommand,
  DescribeRouteTablesCommand,
  RevokeSecurityGroupIngressCommand,
} from '@aws-sdk/client-ec2';
import { DeleteLoadBalancerCommand, DescribeLoadBalancersCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { localCloudForTests, REGION } from '../support/local-cloud-fixture';
import { type ConsumerNetwork, consumerNetwork, consumerWithInstances, interfaceEndpoint, launch, privateSubnetEndpoint, providerService, runScript, serviceName, ssmEndpoints } from '../support/ssm-lab';

const local = localCloudForTests();
let network: ConsumerNetwork;
let publicInstance: string;
let privateInstance: string;

beforeAll(async () => {
  ({ network, publicInstance, privateInstance } = await consumerWithInstances(local.ec2, 0));
  await ssmEndpoints(local.ec2, network);
  local.cloud.settle();
});

const inConsumerVpc = /^10\.0\.\d+\.\d+$/;
const S3 = `https://s3.${REGION}.amazonaws.com/`;
const httpCode = (url: string) => `curl -s -m 5 -o /dev/null -w '%{http_code}' ${url}`;

describe('S3 and DynamoDB over HTTPS', () => {
  test('the private instance times out until a gateway endpoint routes its subnet; the public one goes over the internet', async () => {
    const before = await runScript(local, privateInstance, [httpCode(S3)]);
    expect(before).toMatchObject({ status: 'Failed', code: 28, stdout: '000', stderr: 'failed to run commands: exit status 28' });
    const cli = await runScript(local, privateInstance, ['aws s3 ls']);
    expect(cli).toMatchObject({ status: 'Failed', code: 255, stderr: `\nConnect timeout on endpoint URL: "${S3}"\nfailed to run commands: exit status 255` });
    expect(await runScript(local, publicInstance, [httpCode(S3)])).toMatchObject({ status: 'Success', code: 0, stdout: '307' });

    for (const service of ['s3', 'dynamodb']) {
      await local.ec2.send(new CreateVpcEndpointCommand({ VpcId: network.vpcId, ServiceName: serviceName(service), RouteTableIds: [await mainRouteTableId()] }));
    }
    local.cloud.settle();

    expect(await runScript(local, privateInstance, [httpCode(S3)])).toMatchObject({ status: 'Success', code: 0, stdout: '307' });
    expect(await runScript(local, privateInstance, ['aws s3 ls'])).toMatchObject({ status: 'Success', code: 0, stdout: '', stderr: '' });
    expect(await runScript(local, privateInstance, ['aws dynamodb list-tables'])).toMatchObject({ code: 0, stdout: '{\n    "TableNames": []\n}\n' });
    const health = await runScript(local, privateInstance, [`curl -s https://dynamodb.${REGION}.amazonaws.com`]);
    expect(health.stdout).toBe(`healthy: dynamodb.${REGION}.amazonaws.com `);
  });

  test("S3's public address lies in the region's S3 prefix list, which the endpoint route points at", async () => {
    const { stdout } = await runScript(local, publicInstance, [`dig +short s3.${REGION}.amazonaws.com`]);
    const address = stdout!.trim();
    const { PrefixLists } = await local.ec2.send(new DescribePrefixListsCommand({ Filters: [{ Name: 'prefix-list-name', Values: [serviceName('s3')] }] }));
    const toInt = (ip: string) => ip.split('.').reduce((acc, octet) => acc * 256 + Number(octet), 0);
    const holds = (cidr: string) => {
      const [base = '', bits = '32'] = cidr.split('/');
      const size = 2 ** (32 - Number(bits));
      return toInt(address) >= toInt(base) && toInt(address) < toInt(base) + size;
    };
    expect(PrefixLists![0]!.Cidrs!.some(holds)).toBe(true);
  });
});

async function mainRouteTableId(): Promise<string> {
  const { RouteTables } = await local.ec2.send(
    new DescribeRouteTablesCommand({ Filters: [{ Name: 'vpc-id', Values: [network.vpcId] }, { Name: 'association.main', Values: ['true'] }] }),
  );
  return RouteTables![0]!.RouteTableId!;
}

describe('private DNS of an interface endpoint', () => {
  const name = `cloudformation.${REGION}.amazonaws.com`;

  test('dig answers a public address until a CloudFormation endpoint with private DNS exists, then its private address in the VPC', async () => {
    const before = await runScript(local, privateInstance, [`dig +short ${name}`]);
    expect(before.status).toBe('Success');
    const [publicAddress] = before.stdout!.trim().split('\n');
    expect(publicAddress).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(publicAddress).not.toMatch(inConsumerVpc);
    expect((await runScript(local, privateInstance, [httpCode(`https://${name}`)])).code).toBe(28);

    await interfaceEndpoint(local.ec2, network, 'cloudformation');
    local.cloud.settle();

    const after = await runScript(local, privateInstance, [`dig +short ${name}`]);
    expect(after.stdout).toMatch(/^10\.0\.1\.\d+\n$/);
    expect(await runScript(local, privateInstance, [httpCode(`https://${name}`)])).toMatchObject({ code: 0, stdout: '404' });
  });

  test('the name stays public outside the VPC, and from a resolver on the internet', async () => {
    const elsewhere = await consumerNetwork(local.ec2, 5);
    const outsider = await launch(local.ec2, elsewhere.publicSubnetId, elsewhere.instanceGroupId, { publicIp: true });
    local.cloud.settle();
    const [outside, viaInternet, vpcResolver] = await Promise.all([
      runScript(local, outsider, [`dig +short ${name}`]),
      runScript(local, publicInstance, [`dig +short @8.8.8.8 ${name}`]),
      runScript(local, publicInstance, [`dig +short ${name}`]),
    ]);
    expect(outside.stdout).not.toMatch(inConsumerVpc);
    expect(viaInternet.stdout).toBe(outside.stdout);
    expect(vpcResolver.stdout).toMatch(/^10\.0\.1\.\d+\n$/);
  });

  test('a resolver the instance cannot reach gives no answer', async () => {
    const run = await runScript(local, privateInstance, [`dig +short @8.8.8.8 ${name}`]);
    expect(run).toMatchObject({ code: 9, stdout: ';; connection timed out; no servers could be reached\n' });
  });

  test('full dig output names the VPC resolver and the answer', async () => {
    const { stdout } = await runScript(local, privateInstance, [`dig ${name}`]);
    expect(stdout).toContain(`; <<>> DiG 9.18.33 <<>> ${name}`);
    expect(stdout).toContain('status: NOERROR');
    expect(stdout).toMatch(new RegExp(`;; ANSWER SECTION:\\n${name.replaceAll('.', '\\.')}\\.\\t\\t60\\tIN\\tA\\t10\\.0\\.1\\.\\d+`));
    expect(stdout).toContain(';; SERVER: 10.0.0.2#53(10.0.0.2) (UDP)');
    const answerOnly = await runScript(local, privateInstance, [`dig +noall +answer ${name}`]);
    expect(answerOnly.stdout).toMatch(/^cloudformation\S+\t\t60\tIN\tA\t10\.0\.1\.\d+\n\n$/);
  });
});

describe('an endpoint to an endpoint service', () => {
  let service: Awaited<ReturnType<typeof providerService>>;
  beforeAll(async () => {
    service = await providerService(local, 1);
  });

  const connect = async (groupId: string) => {
    const endpoint = await privateSubnetEndpoint(local.ec2, network, service.serviceName, { groupId });
    local.cloud.settle();
    return { endpointId: endpoint.VpcEndpointId!, dnsName: endpoint.DnsEntries![0]!.DnsName! };
  };

  const accept = async (endpointId: string) => {
    await local.ec2.send(new AcceptVpcEndpointConnectionsCommand({ ServiceId: service.serviceId, VpcEndpointIds: [endpointId] }));
    local.cloud.settle();
  };

  test('resolves to a private address of the consumer VPC and serves both web servers once accepted', async () => {
    const { endpointId, dnsName } = await connect(network.endpointGroupId);
    expect((await runScript(local, privateInstance, [`dig +short ${dnsName}`])).stdout).toMatch(/^10\.0\.1\.\d+\n$/);
    const waiting = await runScript(local, privateInstance, [`curl -s -m 5 http://${dnsName}`]);
    expect(waiting).toMatchObject({ code: 28, stdout: '' });

    await accept(endpointId);
    const pages = new Set<string>();
    for (let i = 0; i < 4; i++) {
      const run = await runScript(local, privateInstance, [`curl -s http://${dnsName}`]);
      expect(run).toMatchObject({ status: 'Success', code: 0 });
      pages.add(run.stdout!);
    }
    expect([...pages].sort()).toEqual(['<html><h1>Endpoint Service Web Server 1</h1></html>', '<html><h1>Endpoint Service Web Server 2</h1></html>']);
    const twice = await runScript(local, publicInstance, [`curl -s http://${dnsName}`, 'echo', `curl -s http://${dnsName}`]);
    expect(twice.stdout).toMatch(/Web Server 1[\s\S]*Web Server 2|Web Server 2[\s\S]*Web Server 1/);
  });

  test('an endpoint whose security group does not admit port 80 times out', async () => {
    const { GroupId } = await local.ec2.send(new CreateSecurityGroupCommand({ VpcId: network.vpcId, GroupName: 'https-only', Description: 'https only' }));
    await local.ec2.send(
      new AuthorizeSecurityGroupIngressCommand({ GroupId, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: network.cidr }] }] }),
    );
    const { endpointId, dnsName } = await connect(GroupId!);
    await accept(endpointId);
    const run = await runScript(local, privateInstance, [`curl -m 5 http://${dnsName}`]);
    expect(run).toMatchObject({ status: 'Failed', code: 28, stdout: '' });
    expect(run.stderr).toContain('% Total    % Received');
    expect(run.stderr).toContain('curl: (28) Connection timed out after 5001 milliseconds\nfailed to run commands: exit status 28');
  });

  test('the web servers must admit the load balancer: without port 80 in their group nothing answers', async () => {
    const { endpointId, dnsName } = await connect(network.endpointGroupId);
    await accept(endpointId);
    const rule = { IpProtocol: 'tcp', FromPort: 80, ToPort: 80, IpRanges: [{ CidrIp: '10.1.0.0/16' }] };
    await local.ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: service.webGroupId, IpPermissions: [rule] }));
    expect((await runScript(local, privateInstance, [`curl -s -m 3 http://${dnsName}`])).code).toBe(28);
    await local.ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: service.webGroupId, IpPermissions: [rule] }));
    expect((await runScript(local, privateInstance, [`curl -s http://${dnsName}`])).code).toBe(0);
  });
});

describe("the provider's internal NLB by name, from the consumer VPC without an endpoint", () => {
  // The provider of this block lives in 10.3.0.0/16, apart from the endpoint service above.
  const inProviderVpc = /^10\.3\.1\.\d+$/;
  let service: Awaited<ReturnType<typeof providerService>>;
  let loadBalancer: { arn: string; dnsName: string };
  beforeAll(async () => {
    service = await providerService(local, 3);
    const { LoadBalancers } = await local.elbv2.send(new DescribeLoadBalancersCommand({ Names: ['web-3'] }));
    loadBalancer = { arn: LoadBalancers![0]!.LoadBalancerArn!, dnsName: LoadBalancers![0]!.DNSName! };
  });

  test("dig answers the NLB's private addresses in the provider VPC: an internal NLB's name is public DNS", async () => {
    const [fromPrivate, fromPublic, viaInternet] = await Promise.all([
      runScript(local, privateInstance, [`dig +short ${loadBalancer.dnsName}`]),
      runScript(local, publicInstance, [`dig +short ${loadBalancer.dnsName}`]),
      runScript(local, publicInstance, [`dig +short @8.8.8.8 ${loadBalancer.dnsName}`]),
    ]);
    const addresses = fromPrivate.stdout!.trim().split('\n');
    expect(addresses.length).toBeGreaterThan(0);
    for (const address of addresses) expect(address).toMatch(inProviderVpc);
    expect([fromPublic.stdout, viaInternet.stdout]).toEqual([fromPrivate.stdout, fromPrivate.stdout]);
  });

  test('curl resolves the name and its connection times out: no route leads from the consumer VPC to the provider\'s addresses', async () => {
    const fromPrivate = await runScript(local, privateInstance, [`curl -sS --max-time 5 http://${loadBalancer.dnsName}/`]);
    expect(fromPrivate).toMatchObject({ status: 'Failed', code: 28, stdout: '', stderr: 'curl: (28) Connection timed out after 5001 milliseconds\nfailed to run commands: exit status 28' });
    // The public subnet's default route goes to the internet gateway, which does not carry a private address.
    const fromPublic = await runScript(local, publicInstance, [`curl -sS --connect-timeout 3 http://${loadBalancer.dnsName}/`]);
    expect(fromPublic).toMatchObject({ code: 28, stderr: 'curl: (28) Connection timed out after 3001 milliseconds\nfailed to run commands: exit status 28' });
    const written = await runScript(local, privateInstance, [`curl -s -m 2 -o /dev/null -w '%{remote_ip}' http://${loadBalancer.dnsName}/`]);
    expect(written.stdout).toMatch(inProviderVpc);
  });

  test('once the NLB is deleted its name no longer resolves: NXDOMAIN', async () => {
    await local.ec2.send(new DeleteVpcEndpointServiceConfigurationsCommand({ ServiceIds: [service.serviceId] }));
    local.cloud.settle();
    await local.elbv2.send(new DeleteLoadBalancerCommand({ LoadBalancerArn: loadBalancer.arn }));
    expect((await runScript(local, privateInstance, [`dig +short ${loadBalancer.dnsName}`])).stdout).toBe('');
    local.cloud.settle();
    const full = await runScript(local, privateInstance, [`dig ${loadBalancer.dnsName}`]);
    expect(full.stdout).toContain('status: NXDOMAIN');
    expect(full.stdout).toContain('ANSWER: 0');
    const run = await runScript(local, privateInstance, [`curl -sS --max-time 5 http://${loadBalancer.dnsName}/`]);
    expect(run).toMatchObject({ code: 6, stderr: `curl: (6) Could not resolve host: ${loadBalancer.dnsName}\nfailed to run commands: exit status 6` });
  });
});

describe('the shell around the checks', () => {
  test('runs line by line with the exit status of the last command, as sh does', async () => {
    const run = await runScript(local, privateInstance, ['echo "checking S3"', `curl -s -m 2 ${S3} || echo unreachable`, 'hostname']);
    expect(run.status).toBe('Success');
    expect(run.stdout).toMatch(/^checking S3\n(unreachable\n)?ip-10-0-1-\d+\.ap-northeast-2\.compute\.internal\n$/);
  });

  test('an unknown command is not found, with the script path SSM Agent uses', async () => {
    const run = await runScript(local, privateInstance, ['echo one', 'nslookup example.com']);
    expect(run).toMatchObject({ status: 'Failed', code: 127, stdout: 'one\n' });
    expect(run.stderr).toMatch(
      new RegExp(`^/var/lib/amazon/ssm/${privateInstance}/document/orchestration/[0-9a-f-]{36}/awsrunShellScript/0\\.awsrunShellScript/_script\\.sh: line 2: nslookup: command not found\\nfailed to run commands: exit status 127$`),
    );
  });

  test('unknown names: dig prints nothing, curl cannot resolve', async () => {
    expect(await runScript(local, privateInstance, ['dig +short nosuch.example.com'])).toMatchObject({ code: 0, stdout: '' });
    const run = await runScript(local, privateInstance, ['curl -sS http://nosuch.example.com 2>&1']);
    expect(run).toMatchObject({ code: 6, stdout: 'curl: (6) Could not resolve host: nosuch.example.com\n' });
  });

  test('curl -I prints the response headers', async () => {
    const run = await runScript(local, publicInstance, [`curl -sI ${S3}`]);
    expect(run.stdout).toMatch(/^HTTP\/1\.1 307 Temporary Redirect\r\n[\s\S]*Location: https:\/\/aws\.amazon\.com\/s3\/\r\n[\s\S]*\r\n\r\n$/);
  });
});
