import { CreateVpcEndpointCommand, EC2Client } from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { handler } from '../../functions/handlers/create-interface-endpoint';
import { consumer, invoke, REGION, run, tagsOf, tokenOf } from './build-fixtures';
import { answerEndpointCalls } from './network-mocks';

const ec2 = mockClient(EC2Client);
beforeEach(() => {
  ec2.reset();
  answerEndpointCalls(ec2, () => ({ VpcEndpointId: 'vpce-0000000000000000d' }));
});

test('a CloudFormation endpoint with private DNS in the private subnet, guarded by the endpoints group', async () => {
  await expect(invoke(handler, { run, consumer })).resolves.toEqual({ vpcEndpointIds: ['vpce-0000000000000000d'] });
  expect(ec2.commandCalls(CreateVpcEndpointCommand).map((call) => call.args[0].input)).toEqual([
    {
      VpcEndpointType: 'Interface',
      VpcId: consumer.vpcId,
      ServiceName: `com.amazonaws.${REGION}.cloudformation`,
      SubnetIds: [consumer.privateSubnetId],
      SecurityGroupIds: [consumer.endpointSecurityGroupId],
      PrivateDnsEnabled: true,
      ClientToken: tokenOf('interface-endpoint-cloudformation'),
      TagSpecifications: [{ ResourceType: 'vpc-endpoint', Tags: tagsOf('interface-endpoint-cloudformation') }],
    },
  ]);
});

test('a retry answers the endpoint the first attempt made without asking EC2 to create it again', async () => {
  const first = await invoke(handler, { run, consumer });
  await expect(invoke(handler, { run, consumer })).resolves.toEqual(first);
  expect(ec2.commandCalls(CreateVpcEndpointCommand)).toHaveLength(1);
});
