/** The value of a <select> as one of the contract's literals, or undefined for "all" (or anything unknown). */
export function optionOf<T extends string>(options: readonly T[], value: string): T | undefined {
  return options.find((option) => option === value);
}
