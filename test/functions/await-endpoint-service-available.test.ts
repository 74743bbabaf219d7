import { DescribeVpcEndpointServiceConfigurationsCommand, EC2Client, type ServiceState } from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { handler } from '../../functions/handlers/await-endpoint-service-available';
import { endpointService, invoke, otherRunTags, run, tagsOf } from './build-fixtures';

const ec2 = mockClient(EC2Client);
const state = (ServiceState: ServiceState, Tags = tagsOf('endpoint-service')) =>
  ec2.on(DescribeVpcEndpointServiceConfigurationsCommand, { ServiceIds: [endpointService.serviceId] }).resolves({ ServiceConfigurations: [{ ServiceId: endpointService.serviceId, ServiceState, Tags }] });
beforeEach(() => ec2.reset());

test('NotReady while Pending, done once Available', async () => {
  state('Pending');
  await expect(invoke(handler, { run, endpointService })).rejects.toMatchObject({ name: 'NotReady', message: `endpoint service ${endpointService.serviceId} is Pending` });
  state('Available');
  await expect(invoke(handler, { run, endpointService })).resolves.toEqual({ serviceState: 'Available' });
});

test('a Failed service fails the step', async () => {
  state('Failed');
  await expect(invoke(handler, { run, endpointService })).rejects.toMatchObject({ name: 'LabStepFailed', message: expect.stringContaining('is Failed') });
});

test("another run's service is refused", async () => {
  state('Available', otherRunTags);
  await expect(invoke(handler, { run, endpointService })).rejects.toMatchObject({ name: 'LabInputInvalid' });
});
