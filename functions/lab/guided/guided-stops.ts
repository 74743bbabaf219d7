import type { Lesson } from '../verification/lab-checks';

/**
 * Where a guided run pauses, in the order of the lab's walk-through: before
 * each lesson's endpoints are added, and once every lesson is done, before
 * the report and the teardown.
 */
export const GUIDED_STOPS = ['gateway', 'interface', 'service', 'report'] as const;
export type GuidedStop = (typeof GUIDED_STOPS)[number];

export const isLessonStop = (stop: GuidedStop): stop is Lesson => stop !== 'report';

/** The lessons in the walk-through's order, as a guided run takes them. */
export const WALK_THROUGH_LESSONS: readonly Lesson[] = GUIDED_STOPS.filter(isLessonStop);

/** `gateway` → `Gateway`: how a stop's states are named in the lab-run workflow. */
export const titled = (stop: GuidedStop): string => `${stop.charAt(0).toUpperCase()}${stop.slice(1)}`;

/** The state that works out the lesson's brief and how long the pause may last. */
export const openLessonState = (stop: GuidedStop): string => (stop === 'report' ? 'OpenReport' : `Open${titled(stop)}Lesson`);

/** The state that waits for the student (a task token, returned by `vpce-lab next`). */
export const pauseState = (stop: GuidedStop): string => (stop === 'report' ? 'PauseBeforeReport' : `PauseBefore${titled(stop)}Lesson`);

/** The stop a pause state is for, or undefined for any other state. */
export const stopOfPause = (stateName: string): GuidedStop | undefined => GUIDED_STOPS.find((stop) => pauseState(stop) === stateName);
