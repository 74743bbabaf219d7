import { CreateVpcEndpointCommand, DescribeRouteTablesCommand, EC2Client, type Tag } from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { handler } from '../../functions/handlers/create-gateway-endpoints';
import { consumer, invoke, otherRunTags, REGION, run, tagsOf, tokenOf } from './build-fixtures';
import { answerEndpointCalls } from './network-mocks';

const ec2 = mockClient(EC2Client);
const routeTables = (tags: Tag[]) =>
  ec2.on(DescribeRouteTablesCommand).resolves({ RouteTables: [consumer.publicRouteTableId, consumer.privateRouteTableId].map((RouteTableId) => ({ RouteTableId, Tags: tags })) });

beforeEach(() => {
  ec2.reset();
  routeTables(tagsOf('consumer-public-rtb'));
  answerEndpointCalls(ec2, (logicalName) => ({ VpcEndpointId: logicalName.endsWith('-s3') ? 'vpce-0000000000000000d' : 'vpce-0000000000000000e' }));
});

const creates = () => ec2.commandCalls(CreateVpcEndpointCommand).map((call) => call.args[0].input);

test('S3 and DynamoDB gateway endpoints on both consumer route tables, each once by its ClientToken and tagged at creation', async () => {
  await expect(invoke(handler, { run, consumer })).resolves.toEqual({ vpcEndpointIds: ['vpce-0000000000000000d', 'vpce-0000000000000000e'] });
  expect(creates()).toEqual(
    ['s3', 'dynamodb'].map((service) => ({
      VpcEndpointType: 'Gateway',
      VpcId: consumer.vpcId,
      ServiceName: `com.amazonaws.${REGION}.${service}`,
      RouteTableIds: [consumer.publicRouteTableId, consumer.privateRouteTableId],
      ClientToken: tokenOf(`gateway-endpoint-${service}`),
      TagSpecifications: [{ ResourceType: 'vpc-endpoint', Tags: tagsOf(`gateway-endpoint-${service}`) }],
    })),
  );
});

test('a retry after the first attempt made the S3 endpoint creates only the DynamoDB one', async () => {
  answerEndpointCalls(ec2, (logicalName) => ({ VpcEndpointId: logicalName.endsWith('-s3') ? 'vpce-0000000000000000d' : 'vpce-0000000000000000e' }), {
    'gateway-endpoint-s3': { VpcEndpointId: 'vpce-0000000000000000d' },
  });
  await expect(invoke(handler, { run, consumer })).resolves.toEqual({ vpcEndpointIds: ['vpce-0000000000000000d', 'vpce-0000000000000000e'] });
  expect(creates().map((input) => input.ServiceName)).toEqual([`com.amazonaws.${REGION}.dynamodb`]);
});

test("route tables that are not the run's are not given routes", async () => {
  routeTables(otherRunTags);
  await expect(invoke(handler, { run, consumer })).rejects.toMatchObject({ name: 'LabInputInvalid', message: expect.stringContaining(`route table ${consumer.publicRouteTableId}`) });
  expect(creates()).toHaveLength(0);
});
