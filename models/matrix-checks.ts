/** Argument checks shared by the probes and retrieval: counts and row-major matrix shapes, each a RangeError naming the function and argument. */

/** Throws unless `value` is a positive integer. */
export function checkCount(name: string, argument: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name}: ${argument} must be a positive integer, got ${value}`);
}

/** Throws unless `values` holds exactly a [rows, columns] matrix. */
export function checkMatrix(name: string, argument: string, values: ArrayLike<number>, rows: number, columns: number): void {
  if (values.length !== rows * columns) {
    throw new RangeError(`${name}: ${argument} has ${values.length} values, not a [${rows}, ${columns}] matrix`);
  }
}
