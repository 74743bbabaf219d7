import { AuthorizeSecurityGroupIngressCommand, CreateSecurityGroupCommand, DescribeInstancesCommand, type EC2Client } from '@aws-sdk/client-ec2';
import { CreateLoadBalancerCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { shellQuoted } from '../../functions/lab/verification/bastion-hop';
import { PING_USAGE } from '../../local/network/shell/ping-options';
import { localCloudForTests, REGION } from '../support/local-cloud-fixture';
import { runPacedScript } from '../support/hop-lab';
import { pacedLocalCloudForTests } from '../support/paced-local-cloud';
import { type ConsumerNetwork, consumerWithInstances, interfaceEndpoint, launch, runScript, ssmEndpoints } from '../support/ssm-lab';

const local = localCloudForTests();
let network: ConsumerNetwork;
let publicInstance: string;
let privateInstance: string;

const ssmFailure = (status: number) => `failed to run commands: exit status ${status}`;
const hostnameOf = (ip: string) => `ip-${ip.replaceAll('.', '-')}.${REGION}.compute.internal`;

async function addresses(ec2: EC2Client, instanceId: string): Promise<{ privateIp: string; publicIp?: string }> {
  const { Reservations } = await ec2.send(new DescribeInstancesCommand({ InstanceIds: [instanceId] }));
  const instance = Reservations![0]!.Instances![0]!;
  return { privateIp: instance.PrivateIpAddress!, publicIp: instance.PublicIpAddress };
}

/** A security group of the network's VPC admitting ICMP echo requests (type 8, any code) from `cidr`. */
async function pingableGroup(ec2: EC2Client, vpcId: string, name: string, cidr: string): Promise<string> {
  const { GroupId } = await ec2.send(new CreateSecurityGroupCommand({ VpcId: vpcId, GroupName: name, Description: name }));
  await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId, IpPermissions: [{ IpProtocol: 'icmp', FromPort: 8, ToPort: -1, IpRanges: [{ CidrIp: cidr }] }] }));
  return GroupId!;
}

/** iputils' output for `count` replies from `from`, each taking `time` ms (`trip` in the rtt line). */
const answered = (host: string, address: string, from: string, count: number, time: string, trip: string) =>
  `PING ${host} (${address}) 56(84) bytes of data.\n` +
  Array.from({ length: count }, (_, index) => `64 bytes from ${from}: icmp_seq=${index + 1} ttl=64 time=${time} ms\n`).join('') +
  `\n--- ${host} ping statistics ---\n${count} packets transmitted, ${count} received, 0% packet loss, time ${(count - 1) * 1001}ms\n` +
  `rtt min/avg/max/mdev = ${trip}/${trip}/${trip}/0.000 ms\n`;

/** iputils' output when `sent` requests got no reply. */
const unanswered = (host: string, address: string, sent: number) =>
  `PING ${host} (${address}) 56(84) bytes of data.\n\n--- ${host} ping statistics ---\n${sent} packets transmitted, 0 received, 100% packet loss, time ${(sent - 1) * 1001}ms\n\n`;

const silent = (host: string, address: string, sent: number) => ({ status: 'Failed', code: 1, stdout: unanswered(host, address, sent), stderr: ssmFailure(1) });

beforeAll(async () => {
  ({ network, publicInstance, privateInstance } = await consumerWithInstances(local.ec2, 61));
  await ssmEndpoints(local.ec2, network);
  local.cloud.settle();
});

describe('ping of the instance itself', () => {
  test('localhost answers: the header, a line per reply, the statistics and the rtt line, exit 0', async () => {
    const run = await runScript(local, privateInstance, ['ping -c 3 localhost']);
    expect(run).toEqual({ status: 'Success', code: 0, stdout: answered('localhost', '127.0.0.1', 'localhost (127.0.0.1)', 3, '0.040', '0.040'), stderr: '' });
  });

  test('-q leaves the reply lines out; the output pipes on; ec2-user pings as root does', async () => {
    const quiet = await runScript(local, privateInstance, ['ping -q -c 2 127.0.0.1 | tail -n 2']);
    expect(quiet).toEqual({ status: 'Success', code: 0, stdout: '2 packets transmitted, 2 received, 0% packet loss, time 1001ms\nrtt min/avg/max/mdev = 0.040/0.040/0.040/0.000 ms\n', stderr: '' });
    const asStudent = await runScript(local, publicInstance, [`runuser -u ec2-user -- bash -c ${shellQuoted('ping -c 1 127.0.0.1 | head -n 2')}`]);
    expect(asStudent).toEqual({ status: 'Success', code: 0, stdout: 'PING 127.0.0.1 (127.0.0.1) 56(84) bytes of data.\n64 bytes from 127.0.0.1: icmp_seq=1 ttl=64 time=0.040 ms\n', stderr: '' });
  });
});

describe('ping of another instance in the VPC', () => {
  let target: { privateIp: string };
  beforeAll(async () => {
    const groupId = await pingableGroup(local.ec2, network.vpcId, 'pingable-61', network.cidr);
    const instanceId = await launch(local.ec2, network.privateSubnetId, groupId);
    local.cloud.settle();
    target = await addresses(local.ec2, instanceId);
  });

  test('answers when its security group admits ICMP echo from the sender: by address, and by name with the reverse name', async () => {
    const byAddress = await runScript(local, publicInstance, [`ping -c 2 ${target.privateIp}`]);
    expect(byAddress).toEqual({ status: 'Success', code: 0, stdout: answered(target.privateIp, target.privateIp, target.privateIp, 2, '0.412', '0.412'), stderr: '' });
    const name = hostnameOf(target.privateIp);
    const byName = await runScript(local, privateInstance, [`ping -c 1 ${name}`]);
    expect(byName).toEqual({ status: 'Success', code: 0, stdout: answered(name, target.privateIp, `${name} (${target.privateIp})`, 1, '0.412', '0.412'), stderr: '' });
  });

  test("gives no reply when no inbound rule admits ICMP: 100% packet loss, exit 1; -w sends until the deadline", async () => {
    const { privateIp } = await addresses(local.ec2, privateInstance);
    expect(await runScript(local, publicInstance, [`ping -c 3 ${privateIp}`])).toEqual(silent(privateIp, privateIp, 3));
    expect(await runScript(local, publicInstance, [`ping -c 2 -w 4 ${privateIp}`])).toEqual(silent(privateIp, privateIp, 4));
  });
});

describe('ping of what AWS runs in the VPC', () => {
  test('an interface endpoint never answers, even with a security group admitting all traffic', async () => {
    const { GroupId } = await local.ec2.send(new CreateSecurityGroupCommand({ VpcId: network.vpcId, GroupName: 'all-from-vpc-61', Description: 'all' }));
    await local.ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId, IpPermissions: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: network.cidr }] }] }));
    await interfaceEndpoint(local.ec2, network, 'cloudformation', GroupId);
    local.cloud.settle();
    const name = `cloudformation.${REGION}.amazonaws.com`;
    const address = (await runScript(local, privateInstance, [`dig +short ${name}`])).stdout!.trim();
    expect(address).toMatch(/^10\.61\.1\.\d+$/);
    expect(await runScript(local, privateInstance, [`ping -c 2 ${name}`])).toEqual(silent(name, address, 2));
  });

  test('a Network Load Balancer never answers', async () => {
    const { LoadBalancers } = await local.elbv2.send(new CreateLoadBalancerCommand({ Name: 'ping-61', Type: 'network', Scheme: 'internal', Subnets: [network.publicSubnetId] }));
    local.cloud.settle();
    const name = LoadBalancers![0]!.DNSName!;
    const address = (await runScript(local, publicInstance, [`dig +short ${name}`])).stdout!.trim();
    expect(address).toMatch(/^10\.61\.0\.\d+$/);
    expect(await runScript(local, publicInstance, [`ping -c 1 ${name}`])).toEqual(silent(name, address, 1));
  });
});

describe('ping of addresses outside the VPC', () => {
  test("S3's public address gives no reply, over the internet or without a route", async () => {
    const name = `s3.${REGION}.amazonaws.com`;
    const address = (await runScript(local, publicInstance, [`dig +short ${name}`])).stdout!.trim();
    expect(await runScript(local, publicInstance, [`ping -c 2 ${name}`])).toEqual(silent(name, address, 2));
    expect(await runScript(local, privateInstance, [`ping -c 2 ${name}`])).toEqual(silent(name, address, 2));
  });

  test('another instance answers at its public address when its group admits the sender; the rest of the internet does not', async () => {
    const groupId = await pingableGroup(local.ec2, network.vpcId, 'pingable-from-anywhere-61', '0.0.0.0/0');
    const other = await launch(local.ec2, network.publicSubnetId, groupId, { publicIp: true });
    local.cloud.settle();
    const { publicIp } = await addresses(local.ec2, other);
    expect(await runScript(local, publicInstance, [`ping -c 1 ${publicIp}`])).toEqual({ status: 'Success', code: 0, stdout: answered(publicIp!, publicIp!, publicIp!, 1, '1.18', '1.180'), stderr: '' });
    expect(await runScript(local, privateInstance, [`ping -c 1 ${publicIp}`])).toEqual(silent(publicIp!, publicIp!, 1));
    expect(await runScript(local, publicInstance, ['ping -c 1 8.8.8.8'])).toEqual(silent('8.8.8.8', '8.8.8.8', 1));
  });
});

describe("ping's own errors", () => {
  test('an unknown host is "Name or service not known", exit 2', async () => {
    const run = await runScript(local, publicInstance, ['ping -c 1 nosuch.example.com']);
    expect(run).toEqual({ status: 'Failed', code: 2, stdout: '', stderr: `ping: nosuch.example.com: Name or service not known\n${ssmFailure(2)}` });
  });

  test('bad counts, a missing destination and unknown options are refused as iputils refuses them', async () => {
    const count = await runScript(local, publicInstance, ['ping -c 0 localhost']);
    expect(count).toEqual({ status: 'Failed', code: 1, stdout: '', stderr: `ping: invalid argument: '0': out of range: 1 <= value <= 9223372036854775807\n${ssmFailure(1)}` });
    const noHost = await runScript(local, publicInstance, ['ping -c 1']);
    expect(noHost).toEqual({ status: 'Failed', code: 1, stdout: '', stderr: `ping: usage error: Destination address required\n${ssmFailure(1)}` });
    const unknown = await runScript(local, publicInstance, ['ping -k localhost']);
    expect(unknown).toEqual({ status: 'Failed', code: 2, stdout: '', stderr: `ping: invalid option -- 'k'\n${PING_USAGE}${ssmFailure(2)}` });
    const forever = await runScript(local, publicInstance, ['ping localhost']);
    expect(forever).toEqual({
      status: 'Failed',
      code: 2,
      stdout: '',
      stderr: `ping: pinging until interrupted (no -c or -w) is not simulated by the local cloud (only ping -c COUNT [-w DEADLINE] [-W TIMEOUT] [-n] [-q] HOST)\n${ssmFailure(2)}`,
    });
  });
});

describe('how long ping takes, on a paced cloud', () => {
  const paced = pacedLocalCloudForTests();
  let publicOnPaced: string;
  let silentIp: string;
  beforeAll(async () => {
    const instances = await consumerWithInstances(paced.ec2, 62);
    paced.awsTimePasses(120);
    publicOnPaced = instances.publicInstance;
    ({ privateIp: silentIp } = await addresses(paced.ec2, instances.privateInstance));
  });

  test('one request a second; with no reply ping waits -W (10 s by default) after the last, or stops at the -w deadline', async () => {
    // The agent's 2 s around each script, then ping's own time (the replies' 40 µs round trip is below the milliseconds SSM shows).
    const replies = await runPacedScript(paced, publicOnPaced, ['ping -c 3 localhost']);
    expect(replies).toMatchObject({ code: 0, elapsed: 'PT4S' });
    const lingering = await runPacedScript(paced, publicOnPaced, [`ping -c 3 ${silentIp}`]);
    expect(lingering).toMatchObject({ code: 1, elapsed: 'PT14S' });
    const shortLinger = await runPacedScript(paced, publicOnPaced, [`ping -c 3 -W 1 ${silentIp}`]);
    expect(shortLinger).toMatchObject({ code: 1, elapsed: 'PT5S' });
    const deadline = await runPacedScript(paced, publicOnPaced, [`ping -w 4 ${silentIp}`]);
    expect(deadline).toMatchObject({ code: 1, elapsed: 'PT6S', stdout: unanswered(silentIp, silentIp, 4) });
  });
});
