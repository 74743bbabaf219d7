import { CreateVpcEndpointCommand, EC2Client } from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { handler } from '../../functions/handlers/create-management-endpoints';
import { consumer, invoke, REGION, run, tagsOf, tokenOf } from './build-fixtures';
import { answerEndpointCalls, idFor } from './network-mocks';

const ec2 = mockClient(EC2Client);
const SERVICES = ['ssm', 'ssmmessages', 'ec2messages'];
const made = (logicalName: string) => ({ VpcEndpointId: idFor('vpce', logicalName), State: 'pending' as never });
const creates = () => ec2.commandCalls(CreateVpcEndpointCommand).map((call) => call.args[0].input);

beforeEach(() => ec2.reset());

test('the SSM endpoints go in the private subnet with private DNS, guarded by the endpoints group, each tagged at creation', async () => {
  answerEndpointCalls(ec2, made);
  await expect(invoke(handler, { run, consumer })).resolves.toEqual({ vpcEndpointIds: SERVICES.map((service) => idFor('vpce', `endpoint-${service}`)) });
  expect(creates()).toEqual(
    SERVICES.map((service) => ({
      VpcEndpointType: 'Interface',
      VpcId: consumer.vpcId,
      ServiceName: `com.amazonaws.${REGION}.${service}`,
      SubnetIds: [consumer.privateSubnetId],
      SecurityGroupIds: [consumer.endpointSecurityGroupId],
      PrivateDnsEnabled: true,
      ClientToken: tokenOf(`endpoint-${service}`),
      TagSpecifications: [{ ResourceType: 'vpc-endpoint', Tags: tagsOf(`endpoint-${service}`) }],
    })),
  );
});

test('a retry after throttling asks only for the endpoints still missing: one already made spends none of the small request bucket', async () => {
  answerEndpointCalls(ec2, made, { 'endpoint-ssm': made('endpoint-ssm') });
  await expect(invoke(handler, { run, consumer })).resolves.toEqual({ vpcEndpointIds: SERVICES.map((service) => idFor('vpce', `endpoint-${service}`)) });
  expect(creates().map((input) => input.ClientToken)).toEqual(['ssmmessages', 'ec2messages'].map((service) => tokenOf(`endpoint-${service}`)));
});

test('an input without the consumer network is refused as LabInputInvalid before any call', async () => {
  await expect(invoke(handler, { run })).rejects.toMatchObject({ name: 'LabInputInvalid' });
  expect(ec2.calls()).toHaveLength(0);
});
