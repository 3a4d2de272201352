/**
 * One hostile input of the robustness corpus (issue 8). Every case writes its own files into a
 * fresh folder (nothing binary is committed), names what it runs, and states the outcome: a
 * clear error matching `expect` (at `line`/`column` when given), or `ok` with a check.
 */
export type Category = 'csv' | 'parquet' | 'onnx' | 'external-data' | 'output' | 'tree' | 'config';

/**
 * data: loadDataset; model: loadOnnxModel + input/output plans; predict: model, then one batch
 * through OrtPredictor (the loaded value is its scores); tree: parseTreeEnsemble; config: parseConfig.
 */
export type Target = 'data' | 'model' | 'predict' | 'tree' | 'config';

export interface HostileCase {
  readonly name: string;
  readonly category: Category;
  readonly target: Target;
  /** Writes the case's files into `dir` and returns the file under test. */
  build(dir: string): string | Promise<string>;
  /** The error (or tree/config reason) must match; `ok` = must load, then `check` runs. */
  readonly expect: RegExp | 'ok';
  readonly line?: number;
  readonly column?: number;
  /** Checks a successful load (the loaded value is the data set, model plans or parse result). */
  readonly check?: (value: unknown) => void;
  /** Environment for this case only (e.g. a small file-size limit). */
  readonly env?: Readonly<Record<string, string>>;
  /** Also run through the CLI (`explain --model … --data …`): exit code 2, message, no stack. */
  readonly cli?: boolean;
}
