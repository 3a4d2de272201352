import * as ort from 'onnxruntime-node';
import type { Predictor } from '../../../../server/engine/evaluator/predictor';

/**
 * Test-only Predictor over the fixtures' ONNX convention: input 'input' float32 [N, d];
 * classifiers output 'probabilities' [N, C] (binary → column 1 only), regressors 'variable'.
 */
export class OnnxTestPredictor implements Predictor {
  private constructor(
    private readonly session: ort.InferenceSession,
    readonly featureCount: number,
    readonly outputWidth: number,
    private readonly outputName: string,
    private readonly binary: boolean,
  ) {}

  static async open(path: string, featureCount: number, classCount: number | undefined): Promise<OnnxTestPredictor> {
    const session = await ort.InferenceSession.create(path, { intraOpNumThreads: 2 });
    const outputName = session.outputNames.includes('probabilities') ? 'probabilities' : 'variable';
    const binary = outputName === 'probabilities' && classCount === 2;
    const width = outputName === 'probabilities' ? (binary ? 1 : (classCount ?? 2)) : 1;
    return new OnnxTestPredictor(session, featureCount, width, outputName, binary);
  }

  async predictBatch(input: Float32Array, rows: number): Promise<Float64Array> {
    const tensor = new ort.Tensor('float32', Float32Array.from(input), [rows, this.featureCount]);
    const result = await this.session.run({ input: tensor }, [this.outputName]);
    const y = result[this.outputName].data as Float32Array;
    const cols = y.length / rows;
    const out = new Float64Array(rows * this.outputWidth);
    for (let i = 0; i < rows; i++) {
      if (this.binary) out[i] = y[i * cols + 1];
      else for (let k = 0; k < this.outputWidth; k++) out[i * this.outputWidth + k] = y[i * cols + k];
    }
    return out;
  }

  async dispose(): Promise<void> {
    await this.session.release();
  }
}
