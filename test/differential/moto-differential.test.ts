import { LocalCloud } from '../../local/local-cloud';
import { raiseVpcQuota, sdkClients } from '../support/local-cloud-fixture';
import { createMotoInstanceProfile, motoAvailable, startMoto } from '../support/moto-server';
import { shapeDifferences, shapeOf } from '../support/response-shape';
import { KNOWN_DIVERGENCES, MOTO_UNIMPLEMENTED } from './known-divergences';
import { SCENARIOS } from './scenarios';
import { REGION } from './scenarios/lab-topology';
import { type Clients, Run, type Target } from './scenarios/scenario';

/**
 * The same call sequences against the local cloud and against moto, a second
 * and independent emulator, comparing what the SDK parses from each: field
 * names, types and the formats of ids, ARNs and addresses, and the values a
 * scenario observes exactly. Where moto is known to be wrong or to lack an
 * operation, `known-divergences.ts` says so and why, and AWS's documentation
 * is followed instead.
 */
const haveMoto = motoAvailable();
if (!haveMoto) console.warn('moto is not installed in python3 (pip install "moto[server]"): the differential tests are skipped');
const describeIfMoto = haveMoto ? describe : describe.skip;

const clientsFor = (endpoint: string): Clients => sdkClients(endpoint, REGION);

describeIfMoto('the local cloud against moto', () => {
  let local: LocalCloud;
  let moto: { endpoint: string; stop: () => Promise<void> };
  const divergencesSeen = new Set<string>();
  const operationsSkipped = new Set<string>();

  beforeAll(async () => {
    [local, moto] = await Promise.all([LocalCloud.start({ port: 0, timeScale: 0 }), startMoto()]);
    // Every scenario makes its VPCs in the one local cloud.
    await raiseVpcQuota(local.endpoint);
    await createMotoInstanceProfile(moto.endpoint, 'vpce-lab-instance');
  });
  afterAll(async () => {
    await Promise.all([moto?.stop(), local?.close()]);
  });

  const localTarget = (): Target => ({ clients: clientsFor(local.endpoint), settle: () => local.settle(), implements: () => true });
  const motoTarget = (): Target => ({
    clients: clientsFor(moto.endpoint),
    settle: () => undefined,
    implements: (operation) => {
      const missing = Object.hasOwn(MOTO_UNIMPLEMENTED, operation);
      if (missing) operationsSkipped.add(operation);
      return !missing;
    },
  });

  /** A difference is excused only by a listed divergence, which is then known to still occur. */
  const unexplained = (difference: string): boolean => {
    const known = KNOWN_DIVERGENCES.find((divergence) => divergence.path.test(difference));
    if (known) divergencesSeen.add(known.path.source);
    return !known;
  };

  test.each(Object.keys(SCENARIOS))('%s parses to the same shapes', async (name) => {
    const scenario = SCENARIOS[name]!;
    const ours = new Run(localTarget());
    const reference = new Run(motoTarget());
    await Promise.all([scenario(ours), scenario(reference)]);
    const differences = Object.keys(reference.steps).flatMap((step) =>
      shapeDifferences(shapeOf(ours.steps[step]), shapeOf(reference.steps[step]), step).filter(unexplained),
    );
    expect(differences).toEqual([]);
  });

  test('every listed divergence and missing operation still shows (run after all scenarios)', () => {
    expect(KNOWN_DIVERGENCES.map((divergence) => divergence.path.source).filter((source) => !divergencesSeen.has(source))).toEqual([]);
    expect(Object.keys(MOTO_UNIMPLEMENTED).filter((operation) => !operationsSkipped.has(operation))).toEqual([]);
  });
});
