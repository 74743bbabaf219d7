import { labStep } from '../commons/lab-step';
import { deleteTargetGroups } from '../lab/teardown/delete-target-groups';
import { teardownInputSchema } from '../lab/teardown/teardown-input';

export const handler = labStep('DeleteTargetGroups', teardownInputSchema, deleteTargetGroups);
