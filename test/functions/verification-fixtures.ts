import type { LabRun } from '../../functions/lab/lab-run';

export const run: LabRun = { runId: 'lab-20261126-0112-ab12', scenario: 'full', region: 'ap-northeast-2', expiresAt: '2026-11-26T03:12:00.000Z', keep: false };

export const targets = {
  region: 'ap-northeast-2',
  consumerCidr: '10.0.0.0/16',
  loadBalancerDnsName: 'lab-nlb-0123456789abcdef.elb.ap-northeast-2.amazonaws.com',
  serviceEndpointDnsName: 'vpce-0abc-12345678.vpce-svc-0123.ap-northeast-2.vpce.amazonaws.com',
};

export const allLessons = { gateway: true, interface: true, service: true };
