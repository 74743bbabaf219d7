/**
 * `npm run policies`: writes local/iam/lab-policies.json, the IAM the stack
 * gives each lab function, from the app `npx cdk synth` synthesizes (with
 * the default settings, and without bundling: the policies do not depend on
 * the bundles). Run it after changing infra/; a test fails until the file
 * matches the synthesized template again.
 */
import { writeFileSync } from 'node:fs';
import { LAB_POLICIES_FILE, synthesizedLabPolicies } from '../infra/lab-policies-file';
import { escapedOwnerKeyInJson } from '../functions/commons/endpoint-condition-keys';

writeFileSync(LAB_POLICIES_FILE, `${escapedOwnerKeyInJson(JSON.stringify(synthesizedLabPolicies(), null, 2))}\n`);
process.stdout.write(`wrote ${LAB_POLICIES_FILE}\n`);
