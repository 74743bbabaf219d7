import { labStep } from '../commons/lab-step';
import { studentCommandsInputSchema } from '../lab/guided/guided-schemas';
import { studentCommands } from '../lab/guided/student-commands';

export const handler = labStep('ListStudentCommands', studentCommandsInputSchema, studentCommands);
