/** Text tables live with the rest of the presentation layer; kept here for the CLI's imports. */
export { table } from '../present/table';
