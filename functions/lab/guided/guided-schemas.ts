import { z } from 'zod';
import { labRunSchema } from '../lab-run';
import { ID } from '../lab-state';
import { checkTargetsSchema, lessonsSchema } from '../verification/check-schemas';
import { GUIDED_STOPS } from './guided-stops';

const stopSchema = z.enum(GUIDED_STOPS);

export const openLessonInputSchema = z.object({
  run: labRunSchema,
  stop: stopSchema,
  lessons: lessonsSchema,
  targets: checkTargetsSchema,
});

export const awaitStudentInputSchema = z.object({
  run: labRunSchema,
  stop: stopSchema,
  continueBy: z.iso.datetime(),
  taskToken: z.string().min(1),
});

export const studentCommandsInputSchema = z.object({
  run: labRunSchema,
  instanceId: ID.instance,
});

