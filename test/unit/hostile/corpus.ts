/** The whole hostile corpus, by category. */
import { configCases } from './configCases';
import type { HostileCase } from './corpusTypes';
import { csvCases } from './csvCases';
import { externalDataCases } from './externalDataCases';
import { onnxCases } from './onnxCases';
import { parquetCases } from './parquetCases';
import { treeCases } from './treeCases';

export const corpus: readonly HostileCase[] = [...csvCases, ...parquetCases, ...onnxCases, ...externalDataCases, ...treeCases, ...configCases];
