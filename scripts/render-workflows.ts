/**
 * `npm run workflows`: writes statemachine/<key>.asl.json from the
 * definitions in statemachine/*.ts. The files stay committed: CDK deploys
 * them (DefinitionBody.fromFile) and the local cloud loads them, so both run
 * the same file. Run it after changing a definition; a test fails until the
 * files match the code again.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LAB_STATE_MACHINE_KEYS } from '../contract/lab-names';
import { workflowFileName, workflowText, WORKFLOWS } from '../statemachine/workflows';

for (const key of LAB_STATE_MACHINE_KEYS) {
  const file = join(__dirname, '..', 'statemachine', workflowFileName(key));
  writeFileSync(file, workflowText(WORKFLOWS[key]));
  process.stdout.write(`wrote ${file}\n`);
}
