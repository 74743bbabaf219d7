/**
 * What an operation of the local cloud carries out of its input. The SDK's
 * schema says what a caller may send; an operation's model says what the
 * local cloud acts on. A member sent that the model leaves out would
 * otherwise be ignored while the call answers success, so the dispatcher
 * refuses it before the operation runs.
 */

type Scalar = string | number | boolean | bigint | Date | Uint8Array;
type ItemOf<T> = T extends readonly (infer Item)[] ? Item : T;
type ModelOf<T> = [T] extends [Scalar] ? true | readonly T[] : string extends keyof T ? true : true | InputModel<T>;

/**
 * What an operation makes of one member: `true` when it acts on every value,
 * a structure's members included (carrying it out, or refusing it with its
 * own error); the only values it carries out, for a scalar it models in part
 * (`DeleteOnTermination: [true]`); the model of its members, for a structure
 * (or each structure of a list) it models in part. A map is modelled whole
 * or not at all.
 */
export type MemberModel<T> = ModelOf<NonNullable<ItemOf<NonNullable<T>>>>;

/** The members of an input (the SDK's own request type) that an operation models. */
export type InputModel<T> = { readonly [Member in keyof T]?: MemberModel<T[Member]> };

/** The first part of a request the model does not cover: a member, or a value of a member modelled in part. */
export interface UnmodelledPart {
  /** The member's path as the SDK's request spells it, e.g. `NetworkInterfaces[0].DeleteOnTermination`. */
  readonly parameter: string;
  /** Set when only some values are modelled: the value sent and those the model carries out. */
  readonly value?: { readonly sent: unknown; readonly modelled: readonly unknown[] };
}

type StructureModel = { readonly [member: string]: AnyModel | undefined };
type AnyModel = true | readonly unknown[] | StructureModel;

/** The first member or value of `input` that `model` leaves out, in the order of the schema's members (as the protocol layer parsed them). */
export function unmodelledPart<T>(model: InputModel<T>, input: Readonly<Record<string, unknown>>): UnmodelledPart | undefined {
  return inStructure(model as StructureModel, input, '');
}

function inStructure(members: StructureModel, value: Readonly<Record<string, unknown>>, path: string): UnmodelledPart | undefined {
  for (const [name, child] of Object.entries(value)) {
    if (child === undefined) continue;
    const childPath = path === '' ? name : `${path}.${name}`;
    const memberModel = Object.hasOwn(members, name) ? members[name] : undefined;
    if (memberModel === undefined) return { parameter: childPath };
    const found = inMember(memberModel, child, childPath);
    if (found) return found;
  }
  return undefined;
}

function inMember(model: AnyModel, value: unknown, path: string): UnmodelledPart | undefined {
  if (model === true) return undefined;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = inMember(model, item, `${path}[${index}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (Array.isArray(model)) return model.includes(value) ? undefined : { parameter: path, value: { sent: value, modelled: model } };
  return inStructure(model as StructureModel, value as Readonly<Record<string, unknown>>, path);
}
