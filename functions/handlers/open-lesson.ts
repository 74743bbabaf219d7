import { labStep } from '../commons/lab-step';
import { openLessonInputSchema } from '../lab/guided/guided-schemas';
import { openLesson } from '../lab/guided/lesson-brief';

export const handler = labStep('OpenLesson', openLessonInputSchema, async (input, { now }) => openLesson(input, now()));
