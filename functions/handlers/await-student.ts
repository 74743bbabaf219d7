import { labStep } from '../commons/lab-step';
import { awaitStudent } from '../lab/guided/await-student';
import { awaitStudentInputSchema } from '../lab/guided/guided-schemas';

export const handler = labStep('AwaitStudent', awaitStudentInputSchema, async (input, { logger, now }) => awaitStudent(input, logger, now()));
