// The natural order of two strings, bigints or numbers as a sort comparator's result (-1, 0, 1):
// for ids and epoch-nanosecond bigints, where `a - b` does not apply. Dependency-free.

export function compare<T extends string | bigint | number>(a: T, b: T): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
