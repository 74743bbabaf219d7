import { join } from 'node:path';
import type { RunOptions } from 'aws-local-stepfunctions';
import type { Context } from 'aws-lambda';
import { functionArnPlaceholder } from '../../contract/lab-names';
import { LAB_FUNCTIONS } from '../../functions/handlers/lab-functions';
import type { LocalCloudFixture } from './local-cloud-fixture';
import { functionArn } from './asl-definition';

type LocalHandlers = NonNullable<NonNullable<RunOptions['overrides']>['taskResourceLocalHandlers']>;
type LocalHandler = LocalHandlers[string];

/** Points the handlers' own AWS clients (built from the environment, as on Lambda) at a local cloud. */
export function useLocalCloudEnvironment(local: LocalCloudFixture): void {
  Object.assign(process.env, { AWS_REGION: 'ap-northeast-2', AWS_ENDPOINT_URL: local.cloud.endpoint, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' });
}

/** The Lambda handler registered for each function id, loaded from its `entry` and called as Lambda would call it. */
export async function labHandlers(ids: readonly string[]): Promise<LocalHandlers> {
  const entries = await Promise.all(
    ids.map(async (id) => {
      const registered = LAB_FUNCTIONS.find((labFunction) => labFunction.id === id);
      if (!registered) throw new Error(`${id} is not in LAB_FUNCTIONS`);
      const { handler } = (await import(join(__dirname, '../..', registered.entry))) as { handler: (event: unknown, context: Context) => Promise<unknown> };
      const local: LocalHandler = (input) => handler(input, {} as Context) as ReturnType<LocalHandler>;
      return [id, local] as const;
    }),
  );
  return Object.fromEntries(entries);
}

/** `${<id>FunctionArn}` -> a Lambda ARN, for each id. */
export const functionArnSubstitutions = (ids: readonly string[]): Record<string, string> => Object.fromEntries(ids.map((id) => [functionArnPlaceholder(id), functionArn(id)]));
