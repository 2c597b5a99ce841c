/** Moved to the folder module, which makes every write of the served folder. */
export {
  createFileExclusive,
  removeStaleTempFiles,
  writeFileAtomic,
  type WriteSteps,
} from '../folder/atomic-write';
