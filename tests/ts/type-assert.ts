// Type-level assertions shared by the strict consumers: whether a type is `any`, and whether two
// types are the same. Types only; nothing here runs.
export type IsAny<T> = 0 extends 1 & T ? true : false;
export type NotAny<T> = IsAny<T> extends true ? false : true;
export type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
