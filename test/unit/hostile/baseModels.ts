/** A valid two-feature model and data set the hostile cases start from (and pair with in the CLI). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeOnnx, type OnnxModel } from '../../../server/loaders/model/onnxProto';
import { logisticMatrixModel } from '../remedies/handBuiltModels';

export const FEATURES = ['a', 'b'] as const;

export function baseModel(): OnnxModel {
  return logisticMatrixModel({ mean: [0, 0], scale: [1, 1], coef: [1, -1], bias: 0.1 }, FEATURES);
}

export function writeModel(dir: string, name: string, model: OnnxModel): string {
  const path = join(dir, name);
  writeFileSync(path, encodeOnnx(model));
  return path;
}

/** 40 rows of a, b, target. */
export function validCsv(): string {
  const lines = ['a,b,target'];
  for (let i = 0; i < 40; i++) lines.push(`${(i % 7) / 7},${(i % 5) / 5},${i % 2}`);
  return `${lines.join('\n')}\n`;
}

export function writeValidCsv(dir: string, name = 'data.csv'): string {
  const path = join(dir, name);
  writeFileSync(path, validCsv());
  return path;
}
