import { GetServiceQuotaCommand, RequestServiceQuotaIncreaseCommand, ServiceQuotasClient } from '@aws-sdk/client-service-quotas';
import { clientConfig, localCloudForTests, REGION } from '../support/local-cloud-fixture';
import { refused } from '../support/refused';

const local = localCloudForTests({ defaultQuotas: true });
let quotas: ServiceQuotasClient;
beforeAll(async () => {
  quotas = new ServiceQuotasClient(clientConfig(local.cloud.endpoint));
});

test.each([
  ['L-F678F1CE', 'VPCs per Region', 5],
  ['L-29B6F2EB', 'Interface VPC endpoints per VPC', 50],
  ['L-1B52E74A', 'Gateway VPC endpoints per Region', 20],
])('GetServiceQuota vpc/%s answers AWS’s default: %s = %i', async (QuotaCode, QuotaName, Value) => {
  const { Quota } = await quotas.send(new GetServiceQuotaCommand({ ServiceCode: 'vpc', QuotaCode }));
  expect(Quota).toEqual({
    ServiceCode: 'vpc',
    ServiceName: 'Amazon Virtual Private Cloud (Amazon VPC)',
    QuotaArn: `arn:aws:servicequotas:${REGION}:000000000000:vpc/${QuotaCode}`,
    QuotaCode,
    QuotaName,
    Value,
    Unit: 'None',
    Adjustable: true,
    GlobalQuota: false,
    QuotaAppliedAtLevel: 'ACCOUNT',
  });
});

test('an unknown quota or service is NoSuchResourceException', async () => {
  expect(await refused(quotas.send(new GetServiceQuotaCommand({ ServiceCode: 'vpc', QuotaCode: 'L-00000000' })))).toMatchObject({
    name: 'NoSuchResourceException',
    $metadata: { httpStatusCode: 400 },
  });
  expect(await refused(quotas.send(new GetServiceQuotaCommand({ ServiceCode: 'lambda', QuotaCode: 'L-F678F1CE' })))).toMatchObject({ name: 'NoSuchResourceException' });
});

test('an increase request is approved at once and GetServiceQuota answers the new value; asking for no more is refused', async () => {
  const { RequestedQuota } = await quotas.send(new RequestServiceQuotaIncreaseCommand({ ServiceCode: 'vpc', QuotaCode: 'L-1B52E74A', DesiredValue: 120 }));
  expect(RequestedQuota).toMatchObject({ ServiceCode: 'vpc', QuotaCode: 'L-1B52E74A', QuotaName: 'Gateway VPC endpoints per Region', DesiredValue: 120, Status: 'APPROVED' });
  expect(RequestedQuota?.Id).toMatch(/^[0-9a-f]{32}$/);
  await expect(quotas.send(new GetServiceQuotaCommand({ ServiceCode: 'vpc', QuotaCode: 'L-1B52E74A' }))).resolves.toMatchObject({ Quota: { Value: 120 } });
  expect(await refused(quotas.send(new RequestServiceQuotaIncreaseCommand({ ServiceCode: 'vpc', QuotaCode: 'L-1B52E74A', DesiredValue: 100 })))).toMatchObject({
    name: 'IllegalArgumentException',
  });
  expect(await refused(quotas.send(new RequestServiceQuotaIncreaseCommand({ ServiceCode: 'vpc', QuotaCode: 'L-00000000', DesiredValue: 100 })))).toMatchObject({
    name: 'NoSuchResourceException',
  });
});
