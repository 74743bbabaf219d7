import { App, type AppProps, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { deploySettings } from './deploy-settings';
import { VpceLabStack } from './vpce-lab-stack';

/** The stack's name in CloudFormation, and what `npx cdk deploy` and `npx cdk destroy` act on. */
export const STACK_NAME = 'VpceLab';

export interface LabApp {
  readonly app: App;
  readonly stack: VpceLabStack;
}

/**
 * The CDK app: one stack, settings from context or environment, cdk-nag's
 * AWS Solutions checks as a validation plugin, so any finding that is not
 * acknowledged (with its reason, on the resource) fails the synth.
 */
export function labApp(props: AppProps = {}, env: NodeJS.ProcessEnv = process.env): LabApp {
  const app = new App(props);
  const settings = deploySettings((key) => app.node.tryGetContext(key), env);
  const stack = new VpceLabStack(app, STACK_NAME, {
    settings,
    env: { account: settings.account, region: settings.region },
    description: 'vpce-lab: the VPC-endpoint lab as Step Functions workflows (lab-run, teardown, cleanup) with their Lambda steps',
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack };
}
