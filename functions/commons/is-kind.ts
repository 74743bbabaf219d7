/**
 * Whether `value` was made by `type` or one of its subclasses (its prototype
 * chain holds `type.prototype`), as a type guard. Takes classes whose
 * constructor is private too.
 */
export const isKind = <T>(value: unknown, type: { readonly prototype: T }): value is T => Object.prototype.isPrototypeOf.call(type.prototype, value as object);
