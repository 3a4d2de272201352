/** Shared statistics helpers: one job per file; import from here or from the file itself. */
export { normalCdf, normalSurvival, normalTwoSidedP, normalQuantile, normalCriticalValue } from './normalDistribution';
export { logGamma, regularizedIncompleteBeta } from './incompleteBeta';
export { studentTCdf, studentTTwoSidedP } from './studentT';
export { wilsonInterval } from './wilsonInterval';
export { twoProportionZTest, pFromZ, type Alternative, type ZTestResult } from './proportionTest';
export { welchTTest, groupMoments, complementMoments, type GroupMoments, type WelchResult } from './welchTTest';
export { benjaminiHochbergQValues } from './benjaminiHochberg';
export { rocAuc, rocAucStandardError } from './rocAuc';
export { bootstrapInterval, quantileSorted, DEFAULT_BOOTSTRAP_RESAMPLES, DEFAULT_BOOTSTRAP_SEED, type BootstrapOptions } from './bootstrapInterval';
export { createSeededRandom, randomInt, type RandomSource } from './seededRandom';
export { cohensH, cohensD, lift } from './effectSize';
export { expectedCalibrationError, DEFAULT_CALIBRATION_BINS } from './calibrationError';
