/**
 * Test-only ONNX Runtime Predictor for the fixtures' conventions (fixtures/README.md):
 * input 'input' float32 [N, d]; classifiers → 'probabilities' [N, C] (binary: column 1 only,
 * i.e. P(positive)); regressors → 'variable' [N, 1]. The product's adapter lives in
 * server/loaders/model; this one only exists so attribution tests run against real models.
 */
import * as ort from 'onnxruntime-node';
import type { Predictor } from '../../../../server/engine/evaluator/predictor';

export async function ortPredictor(modelPath: string, featureCount: number): Promise<Predictor> {
  const session = await ort.InferenceSession.create(modelPath, { intraOpNumThreads: 1 });
  const isClassifier = session.outputNames.includes('probabilities');
  const outputName = isClassifier ? 'probabilities' : 'variable';
  // Probe the class count with one row of zeros.
  const probe = await session.run({ input: new ort.Tensor('float32', new Float32Array(featureCount), [1, featureCount]) });
  const classes = Number(probe[outputName].dims[1] ?? 1);
  const outputWidth = isClassifier && classes === 2 ? 1 : classes;
  return {
    featureCount,
    outputWidth,
    async predictBatch(input: Float32Array, rows: number): Promise<Float64Array> {
      const result = await session.run({ input: new ort.Tensor('float32', input, [rows, featureCount]) }, [outputName]);
      const y = result[outputName].data as Float32Array;
      const out = new Float64Array(rows * outputWidth);
      if (isClassifier && classes === 2) for (let i = 0; i < rows; i++) out[i] = y[i * 2 + 1];
      else for (let i = 0; i < out.length; i++) out[i] = y[i];
      return out;
    },
    async dispose(): Promise<void> {
      await session.release();
    },
  };
}
