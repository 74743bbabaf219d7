import { z } from 'zod';

/** One command the student ran, as ListStudentCommands returns it (functions/lab/guided/student-commands.ts). */
export const studentCommandSchema = z.strictObject({
  on: z.enum(['private', 'public']),
  command: z.string(),
  at: z.iso.datetime(),
  status: z.string(),
  exitCode: z.number(),
  output: z.string(),
});
