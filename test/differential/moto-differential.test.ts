import { EC2Client } from '@aws-sdk/client-ec2';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { SSMClient } from '@aws-sdk/client-ssm';
import { STSClient } from '@aws-sdk/client-sts';
import { LocalCloud } from '../../local/local-cloud';
import { motoAvailable, startMoto } from '../support/moto-server';
import { shapeDifferences, shapeOf } from '../support/response-shape';
import { KNOWN_DIVERGENCES } from './known-divergences';
import { SCENARIOS, type Clients } from './scenarios';

/**
 * The same call sequences against the local cloud and against moto, a second
 * and independent emulator, comparing what the SDK parses from each: field
 * names, types and the formats of ids, ARNs and addresses. Where moto is known
 * to be wrong, `known-divergences.ts` says so and why, and AWS's documentation
 * is followed instead.
 */
const haveMoto = motoAvailable();
if (!haveMoto) console.warn('moto is not installed in python3 (pip install "moto[server]"): the differential tests are skipped');
const describeIfMoto = haveMoto ? describe : describe.skip;

const clientsFor = (endpoint: string): Clients => {
  const config = { region: 'ap-northeast-2', endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 };
  return { ec2: new EC2Client(config), elbv2: new ElasticLoadBalancingV2Client(config), ssm: new SSMClient(config), sts: new STSClient(config) };
};

describeIfMoto('the local cloud against moto', () => {
  let local: LocalCloud;
  let moto: { endpoint: string; stop: () => void };

  beforeAll(async () => {
    [local, moto] = await Promise.all([LocalCloud.start({ port: 0, timeScale: 0 }), startMoto()]);
  });
  afterAll(async () => {
    moto?.stop();
    await local?.close();
  });

  test.each(Object.keys(SCENARIOS))('%s parses to the same shapes', async (name) => {
    const scenario = SCENARIOS[name]!;
    const ours = await scenario(clientsFor(local.endpoint), () => local.settle());
    const reference = await scenario(clientsFor(moto.endpoint), () => undefined);
    const differences = Object.keys(reference).flatMap((step) =>
      shapeDifferences(shapeOf(ours[step]), shapeOf(reference[step]), step).filter((difference) => !KNOWN_DIVERGENCES.some((known) => known.path.test(difference))),
    );
    expect(differences).toEqual([]);
  });
});
