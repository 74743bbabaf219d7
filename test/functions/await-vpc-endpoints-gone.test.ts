import { DescribeVpcEndpointsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { handler } from '../../functions/handlers/await-vpc-endpoints-gone';
import { mockEachTest } from './mock-each-test';
import { context, RUN_ID, wireState } from './teardown-fixtures';

const ec2 = mockEachTest(EC2Client);

test('NotReady names each endpoint still deleting', async () => {
  ec2.on(DescribeVpcEndpointsCommand).resolves({ VpcEndpoints: [{ VpcEndpointId: 'vpce-0a', State: wireState('deleting') }, { VpcEndpointId: 'vpce-0b', State: wireState('deleted') }] });
  await expect(handler({ runId: RUN_ID }, context)).rejects.toMatchObject({ name: 'NotReady', message: expect.stringContaining('vpce-0a (deleting)') });
});

test('done once only deleted endpoints (or none) are listed', async () => {
  ec2.on(DescribeVpcEndpointsCommand).resolves({ VpcEndpoints: [{ VpcEndpointId: 'vpce-0b', State: 'Deleted' }] });
  await expect(handler({ runId: RUN_ID }, context)).resolves.toEqual({});
  ec2.on(DescribeVpcEndpointsCommand).resolves({ VpcEndpoints: [] });
  await expect(handler({ runId: RUN_ID }, context)).resolves.toEqual({});
});
