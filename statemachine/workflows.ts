import type { LabStateMachineKey } from '../contract/lab-names';
import type { Flow } from './asl/asl-types';
import { CLEANUP } from './cleanup';
import { LAB_RUN } from './lab-run';
import { TEARDOWN } from './teardown';

/** Every workflow of the lab, by the key its file and its state machine are named for. */
export const WORKFLOWS: Readonly<Record<LabStateMachineKey, Flow>> = { 'lab-run': LAB_RUN, teardown: TEARDOWN, cleanup: CLEANUP };

/** The file a workflow is deployed and loaded from: `statemachine/<key>.asl.json`. */
export const workflowFileName = (key: LabStateMachineKey): string => `${key}.asl.json`;

/** A definition as its file holds it: plain JSON, two-space indented, one newline at the end. */
export const workflowText = (flow: Flow): string => `${JSON.stringify(flow, null, 2)}\n`;
