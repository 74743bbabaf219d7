import { join } from 'node:path';
import { labApp } from './lab-app';
import { REPOSITORY_ROOT } from './lab-lambda';
import type { LabPolicies } from '../contract/lab-policies-format';
import { renderLabPolicies } from './lab-policies';

/** Where the rendered policies are committed, for the local cloud to read without loading the CDK. */
export const LAB_POLICIES_FILE = join(REPOSITORY_ROOT, 'local', 'iam', 'lab-policies.json');

/** The lab functions' IAM as the app synthesizes it with its default settings; no bundling, which the policies do not depend on. */
export function synthesizedLabPolicies(): LabPolicies {
  const { app, stack } = labApp({ context: { 'aws:cdk:bundling-stacks': [] } }, {});
  const template = app.synth().getStackByName(stack.stackName).template as Parameters<typeof renderLabPolicies>[0];
  return renderLabPolicies(template, stack.region);
}
