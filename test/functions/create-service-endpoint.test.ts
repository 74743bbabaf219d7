import { CreateVpcEndpointCommand, EC2Client } from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { handler } from '../../functions/handlers/create-service-endpoint';
import { consumer, endpointService, invoke, run, serviceEndpoint, tagsOf, tokenOf } from './build-fixtures';
import { answerEndpointCalls } from './network-mocks';

const ec2 = mockClient(EC2Client);
const zonal = `vpce-0000000000000000f-abcd1234-ap-northeast-2a.vpce-svc-0000000000000000a.ap-northeast-2.vpce.amazonaws.com`;
beforeEach(() => {
  ec2.reset();
  answerEndpointCalls(ec2, () => ({
    VpcEndpointId: serviceEndpoint.vpcEndpointId,
    State: 'pendingAcceptance' as never,
    DnsEntries: [{ DnsName: serviceEndpoint.dnsName }, { DnsName: zonal }],
  }));
});

test("connects the private subnet to the lab's service and answers the endpoint's regional DNS name", async () => {
  await expect(invoke(handler, { run, consumer, endpointService })).resolves.toEqual(serviceEndpoint);
  expect(ec2.commandCalls(CreateVpcEndpointCommand)[0]!.args[0].input).toEqual({
    VpcEndpointType: 'Interface',
    VpcId: consumer.vpcId,
    ServiceName: endpointService.serviceName,
    SubnetIds: [consumer.privateSubnetId],
    SecurityGroupIds: [consumer.endpointSecurityGroupId],
    PrivateDnsEnabled: false,
    ClientToken: tokenOf('service-endpoint'),
    TagSpecifications: [{ ResourceType: 'vpc-endpoint', Tags: tagsOf('service-endpoint') }],
  });
});

test('a retry finds the endpoint the first attempt made, so there is one connection request', async () => {
  await invoke(handler, { run, consumer, endpointService });
  await expect(invoke(handler, { run, consumer, endpointService })).resolves.toEqual(serviceEndpoint);
  expect(ec2.commandCalls(CreateVpcEndpointCommand)).toHaveLength(1);
});
