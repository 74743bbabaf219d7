import { DescribeVpcEndpointServiceConfigurationsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { handler } from '../../functions/handlers/await-endpoint-service-gone';
import { mockEachTest } from './mock-each-test';
import { context, RUN_ID } from './teardown-fixtures';

const ec2 = mockEachTest(EC2Client);

test('NotReady while the service is still listed short of Deleted', async () => {
  ec2.on(DescribeVpcEndpointServiceConfigurationsCommand).resolves({ ServiceConfigurations: [{ ServiceId: 'vpce-svc-0a', ServiceState: 'Deleting' }] });
  await expect(handler({ runId: RUN_ID }, context)).rejects.toMatchObject({ name: 'NotReady', message: expect.stringContaining('vpce-svc-0a (Deleting)') });
});

test('done once it is Deleted or no longer listed', async () => {
  ec2.on(DescribeVpcEndpointServiceConfigurationsCommand).resolves({ ServiceConfigurations: [{ ServiceId: 'vpce-svc-0a', ServiceState: 'Deleted' }] });
  await expect(handler({ runId: RUN_ID }, context)).resolves.toEqual({});
  ec2.on(DescribeVpcEndpointServiceConfigurationsCommand).resolves({ ServiceConfigurations: [] });
  await expect(handler({ runId: RUN_ID }, context)).resolves.toEqual({});
});
