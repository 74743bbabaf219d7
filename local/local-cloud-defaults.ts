/**
 * The local cloud's defaults, apart from the cloud itself: the command reads
 * them for its options without loading the cloud (a command on AWS never does).
 */
export const DEFAULT_PORT = 4566;
/** A three-minute NLB takes 7.2 s: a full lab in well under half a minute, every figure still in AWS time. */
export const DEFAULT_TIME_SCALE = 0.04;
