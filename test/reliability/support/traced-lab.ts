import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LAB_FUNCTIONS, type ServedFunction } from '../../../functions/handlers/lab-functions';
import { labFunctionName } from '../../../contract/lab-names';
import type { LocalLabOptions } from '../../../local/lab-runtime';
import { startE2eLab } from '../../support/e2e-lab';
import { CALLBACK_RESOURCE, STATE_MACHINE_DIR } from './asl-task-states';
import { CallTracer } from './call-tracer';
import { TRACED_FUNCTION_ENTRY, tracedFunctions } from './caller-context';

const REPOSITORY_ROOT = join(__dirname, '../../..');
const FUNCTION_RESOURCE = /^\$\{(\w+)FunctionArn\}$/;

interface AslNode {
  Type?: string;
  Resource?: string;
  Parameters?: { FunctionName?: string };
  States?: Record<string, AslNode>;
  Branches?: AslNode[];
  Iterator?: AslNode;
  ItemProcessor?: AslNode;
}

/** Points every Task state on a lab function at a function named after the state; returns state name -> function id. */
function perStateResources(machine: AslNode): Map<string, string> {
  const functionOf = new Map<string, string>();
  for (const [name, state] of Object.entries(machine.States ?? {})) {
    const callback = state.Resource === CALLBACK_RESOURCE;
    const id = FUNCTION_RESOURCE.exec((callback ? state.Parameters?.FunctionName : state.Resource) ?? '')?.[1];
    if (state.Type === 'Task' && id !== undefined) {
      functionOf.set(name, id);
      if (callback && state.Parameters) state.Parameters.FunctionName = `\${${name}FunctionArn}`;
      else state.Resource = `\${${name}FunctionArn}`;
    }
    for (const inner of [...(state.Branches ?? []), state.Iterator, state.ItemProcessor]) {
      if (inner) for (const [innerName, innerId] of perStateResources(inner)) functionOf.set(innerName, innerId);
    }
  }
  return functionOf;
}

/**
 * The lab's own state machine files, copied with each Task state calling a
 * function of its own name (deployed from the same handler), so a call is
 * known by the state that made it even where one handler serves several
 * states (SendChecks). Files that are not JSON before substitution
 * (cleanup's `${CleanupConcurrency}`) are copied unchanged.
 */
function perStateStateMachines(): { directory: string; functionOf: Map<string, string> } {
  const directory = mkdtempSync(join(tmpdir(), 'vpce-lab-traced-machines-'));
  const functionOf = new Map<string, string>();
  for (const file of readdirSync(STATE_MACHINE_DIR).filter((name) => name.endsWith('.asl.json'))) {
    const text = readFileSync(join(STATE_MACHINE_DIR, file), 'utf8');
    let machine: AslNode;
    try {
      machine = JSON.parse(text) as AslNode;
    } catch {
      // A placeholder stands where JSON needs a value: this file keeps its functions as they are.
      writeFileSync(join(directory, file), text);
      continue;
    }
    for (const [state, id] of perStateResources(machine)) {
      if (functionOf.has(state) && functionOf.get(state) !== id) throw new Error(`the Task state ${state} calls ${functionOf.get(state)} in one state machine and ${id} in another`);
      functionOf.set(state, id);
    }
    writeFileSync(join(directory, file), `${JSON.stringify(machine, null, 2)}\n`);
  }
  return { directory, functionOf };
}

/** The lab's functions, each one and one per Task state, all served by the traced entry. */
function tracedLabFunctions(functionOf: ReadonlyMap<string, string>): ServedFunction[] {
  const byId = new Map<string, ServedFunction>(LAB_FUNCTIONS.map((fn) => [fn.id, fn]));
  const served = new Map<string, { id: string; real: ServedFunction }>();
  for (const fn of LAB_FUNCTIONS) served.set(fn.id, { id: fn.id, real: fn });
  for (const [state, id] of functionOf) {
    const real = byId.get(id);
    if (!real) throw new Error(`the Task state ${state} calls ${id}, which is not in LAB_FUNCTIONS`);
    if (byId.has(state) && state !== id) throw new Error(`the Task state ${state} is named like the function ${state} but calls ${id}`);
    served.set(state, { id: state, real });
  }
  return [...served.values()].map(({ id, real }) => {
    tracedFunctions.set(labFunctionName(id), { caller: id, entry: join(REPOSITORY_ROOT, real.entry) });
    return { id, entry: TRACED_FUNCTION_ENTRY, timeoutSeconds: real.timeoutSeconds };
  });
}

/**
 * The whole product on a local cloud (as `startE2eLab`), with every AWS
 * call of the lab's functions attributed to the Task state that made it,
 * and fault injection at one exact call (see CallTracer). The workflows are
 * the lab's own files, each Task state running its own handler unchanged.
 */
export async function startTracedLab(options: LocalLabOptions = {}) {
  const { directory, functionOf } = perStateStateMachines();
  const lab = await startE2eLab({ functions: tracedLabFunctions(functionOf), stateMachineDir: directory, ...options });
  const tracer = new CallTracer(lab.cloud.runtime.faults);
  const detach = tracer.attach();
  return {
    ...lab,
    tracer,
    /** Takes the tracer off the clients (as a broken harness would be): the matrix's own check must then fail. */
    detachTracer: detach,
    async close(): Promise<void> {
      detach();
      await lab.lab.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

export type TracedLab = Awaited<ReturnType<typeof startTracedLab>>;
