import { create, parseDependencies } from 'mathjs/number';

/**
 * The math.js parser SilverDecisions' expression language is built on, for reading its global and
 * node code and rewriting calls of the functions defined there. Only parsing: nothing from a file
 * is ever evaluated here (branchpoint's loader compiles the expressions it writes).
 */
export const math = create({ parseDependencies: parseDependencies! });
