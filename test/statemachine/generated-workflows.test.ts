import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LAB_STATE_MACHINE_KEYS } from '../../contract/lab-names';
import { workflowFileName, workflowText, WORKFLOWS } from '../../statemachine/workflows';

const committed = (key: (typeof LAB_STATE_MACHINE_KEYS)[number]): string => readFileSync(join(__dirname, '../../statemachine', workflowFileName(key)), 'utf8');

test.each(LAB_STATE_MACHINE_KEYS)('statemachine/%s.asl.json is what its code generates (`npm run workflows` writes it)', (key) => {
  expect(committed(key)).toBe(workflowText(WORKFLOWS[key]));
});
