import { awsClients } from '../../functions/commons/aws-clients';
import type { StepDependencies } from '../../functions/commons/lab-step';
import { logger } from '../../functions/commons/logger';
import type { LabRun } from '../../functions/lab/lab-run';
import { preflight } from '../../functions/lab/build/preflight';
import type { ZoneGaps } from '../../local/cloud/zone-gaps';
import { REGION, withOwnLocalCloud } from '../support/local-cloud-fixture';

const run: LabRun = { runId: 'lab-20261126-0112-ab12', scenario: 'full', region: REGION, expiresAt: '2026-11-26T03:12:00.000Z', keep: false };
const zone = (letter: string) => `${REGION}${letter}`;
const savedEnv = { ...process.env };

beforeAll(() => {
  Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' });
});
afterAll(() => {
  process.env = savedEnv;
});

/** The plan, or the error the preflight failed with, on a cloud of its own with these gaps. */
async function preflightWith(zoneGaps: ZoneGaps, scenario: LabRun['scenario'] = 'full'): Promise<unknown> {
  let outcome: unknown;
  await withOwnLocalCloud(
    async ({ cloud }) => {
      const dependencies: StepDependencies = { clients: awsClients({ region: REGION, endpoint: cloud.endpoint }), logger, now: () => new Date() };
      outcome = await preflight({ run: { ...run, scenario } }, dependencies).catch((error: unknown) => error);
    },
    { zoneGaps },
  );
  return outcome;
}

test('the lab goes to the first two zones that offer t3.micro and the endpoints it uses', async () => {
  const gaps: ZoneGaps = { [zone('a')]: { instanceTypes: ['t3.micro'] }, [zone('b')]: { endpointServices: [`com.amazonaws.${REGION}.cloudformation`] } };
  expect(await preflightWith(gaps)).toMatchObject({ zones: [zone('c'), zone('d')] });
  // The gateway lesson has no CloudFormation endpoint, so zone b serves it.
  expect(await preflightWith(gaps, 'gateway')).toMatchObject({ zones: [zone('b'), zone('c')] });
});

test('with one qualifying zone the run is refused, saying what the others lack', async () => {
  const refusal = await preflightWith({
    [zone('a')]: { instanceTypes: ['t3.micro'] },
    [zone('b')]: { endpointServices: [`com.amazonaws.${REGION}.cloudformation`] },
    [zone('c')]: { instanceTypes: ['t3.micro'], endpointServices: [`com.amazonaws.${REGION}.cloudformation`] },
  });
  expect(refusal).toMatchObject({ name: 'LabStepFailed', message: expect.stringContaining(`(${zone('d')}); the lab's load balancer needs two.`) });
  expect((refusal as Error).message).toContain(
    `${zone('a')} does not offer t3.micro; ${zone('b')} does not offer com.amazonaws.${REGION}.cloudformation; ${zone('c')} does not offer t3.micro, com.amazonaws.${REGION}.cloudformation.`,
  );
});
