import { EC2Client, RunInstancesCommand } from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { handler } from '../../functions/handlers/launch-web-servers';
import { invoke, plan, provider, run, tagsOf, tokenOf, withLabEnvironment } from './build-fixtures';

const ec2 = mockClient(EC2Client);
beforeEach(() => {
  ec2.reset();
  withLabEnvironment();
  ec2.on(RunInstancesCommand).callsFake(({ ClientToken }) => ({ Instances: [{ InstanceId: ClientToken === tokenOf('web-server-1') ? 'i-0000000000000000c' : 'i-0000000000000000d', PrivateIpAddress: '10.1.0.10' }] }));
});

const launches = () => ec2.commandCalls(RunInstancesCommand).map((call) => call.args[0].input);
const script = (userData: string | undefined) => Buffer.from(userData ?? '', 'base64').toString('utf8');

test('web server N goes in provider subnet N and serves "Endpoint Service Web Server N" from httpd', async () => {
  await expect(invoke(handler, { run, plan, provider })).resolves.toEqual({ instanceIds: ['i-0000000000000000c', 'i-0000000000000000d'] });
  expect(launches().map((input) => [input.SubnetId, input.SecurityGroupIds, input.ClientToken, input.TagSpecifications![0]])).toEqual([
    [provider.subnetIds[0], [provider.webSecurityGroupId], tokenOf('web-server-1'), { ResourceType: 'instance', Tags: tagsOf('web-server-1') }],
    [provider.subnetIds[1], [provider.webSecurityGroupId], tokenOf('web-server-2'), { ResourceType: 'instance', Tags: tagsOf('web-server-2') }],
  ]);
  const [first, second] = launches().map((input) => script(input.UserData));
  expect(first).toContain("echo '<html><h1>Endpoint Service Web Server 1</h1></html>' > /var/www/html/index.html");
  expect(second).toContain("echo '<html><h1>Endpoint Service Web Server 2</h1></html>' > /var/www/html/index.html");
  expect(first).toMatch(/^#!\/bin\/bash\ndnf install -y httpd\n/);
});

test('a retry sends the same ClientTokens and user data, so no third or fourth server is launched', async () => {
  await invoke(handler, { run, plan, provider });
  await invoke(handler, { run, plan, provider });
  const [a, b, c, d] = launches();
  expect([c, d]).toEqual([a, b]);
});
