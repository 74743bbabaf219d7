import { labStep } from '../commons/lab-step';
import { buildReportInputSchema } from '../lab/verification/check-schemas';
import { buildReport } from '../lab/verification/build-report';

export const handler = labStep('BuildReport', buildReportInputSchema, async (input) => buildReport(input.run, input.phases, input.studentCommands));
