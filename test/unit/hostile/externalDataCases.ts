/**
 * ONNX tensors stored as external data whose `location` escapes the model's folder: `../`,
 * absolute paths, symlinks (to a file, through a folder) and hard links. Every case also writes
 * a real file outside the folder, so a loader that followed the path would find it; the corpus
 * runner checks that no such file is ever opened.
 */
import { linkSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { encodeOnnx, OnnxDataType, type OnnxModel, type OnnxTensor } from '../../../server/loaders/model/onnxProto';
import { baseModel, writeModel } from './baseModels';
import type { HostileCase } from './corpusTypes';

/** The 8 bytes of W = [1, -1] as float32. */
const W_BYTES = Buffer.from(new Float32Array([1, -1]).buffer);

/** A secret next to (outside) the case folder: the file an attacker wants read. */
function outsideFile(dir: string): string {
  const outside = join(dirname(dir), `${dir.split(/[\\/]/).pop()}-outside`);
  mkdirSync(outside, { recursive: true });
  const path = join(outside, 'secret.bin');
  writeFileSync(path, W_BYTES);
  return path;
}

/** The base model with W stored externally under these external_data entries. */
function withExternalW(entries: { key: string; value: string }[], extra: Partial<OnnxTensor> = {}): OnnxModel {
  const m = baseModel();
  const initializer = m.graph!.initializer!.map((t): OnnxTensor => (t.name === 'W' ? { name: 'W', dims: [2, 1], dataType: OnnxDataType.FLOAT, dataLocation: 1, externalData: entries, ...extra } : t));
  return { ...m, graph: { ...m.graph!, initializer } };
}

const ext = (c: Omit<HostileCase, 'category' | 'target'>): HostileCase => ({ category: 'external-data', target: 'model', cli: true, ...c });
const at = (location: string) => [{ key: 'location', value: location }];

export const externalDataCases: readonly HostileCase[] = [
  ext({
    name: 'location ../ outside the folder',
    build: (d) => {
      const secret = outsideFile(d);
      return writeModel(d, 'model.onnx', withExternalW(at(`../${secret.split(/[\\/]/).slice(-2).join('/')}`)));
    },
    expect: /points outside the model's folder/,
  }),
  ext({ name: 'location deep ../../../../etc/passwd', build: (d) => writeModel(d, 'model.onnx', withExternalW(at('../../../../../../../../etc/passwd'))), expect: /points outside the model's folder/ }),
  ext({ name: 'location inside then out: sub/../../x', build: (d) => (outsideFile(d), writeModel(d, 'model.onnx', withExternalW(at('sub/../../x.bin')))), expect: /points outside the model's folder/ }),
  ext({ name: 'absolute POSIX location', build: (d) => writeModel(d, 'model.onnx', withExternalW(at(outsideFile(d)))), expect: /absolute path/ }),
  ext({ name: 'absolute Windows location', build: (d) => writeModel(d, 'model.onnx', withExternalW(at('C:\\Windows\\win.ini'))), expect: /absolute path/ }),
  ext({ name: 'UNC location', build: (d) => writeModel(d, 'model.onnx', withExternalW(at('\\\\server\\share\\w.bin'))), expect: /absolute path/ }),
  ext({ name: 'backslash ..\\ location', build: (d) => (outsideFile(d), writeModel(d, 'model.onnx', withExternalW(at('..\\secret.bin')))), expect: /points outside the model's folder/ }),
  ext({
    name: 'symlink in the folder to a file outside',
    build: (d) => {
      symlinkSync(outsideFile(d), join(d, 'weights.bin'));
      return writeModel(d, 'model.onnx', withExternalW(at('weights.bin')));
    },
    expect: /symbolic link to a file outside/,
  }),
  ext({
    name: 'symlinked folder leading outside',
    build: (d) => {
      symlinkSync(dirname(outsideFile(d)), join(d, 'weights'));
      return writeModel(d, 'model.onnx', withExternalW(at('weights/secret.bin')));
    },
    expect: /resolves \(through a symbolic link\) outside/,
  }),
  ext({
    name: 'hard link to a file outside',
    build: (d) => {
      linkSync(outsideFile(d), join(d, 'weights.bin'));
      return writeModel(d, 'model.onnx', withExternalW(at('weights.bin')));
    },
    expect: /hard links/,
  }),
  ext({ name: 'location with a NUL character', build: (d) => writeModel(d, 'model.onnx', withExternalW(at('w.bin\u0000../../etc/passwd'))), expect: /NUL character/ }),
  ext({ name: 'external tensor without a location', build: (d) => writeModel(d, 'model.onnx', withExternalW([{ key: 'offset', value: '0' }])), expect: /names no location/ }),
  ext({
    name: 'offset past the end of the data file',
    build: (d) => {
      writeFileSync(join(d, 'w.bin'), W_BYTES);
      return writeModel(d, 'model.onnx', withExternalW([...at('w.bin'), { key: 'offset', value: '4096' }, { key: 'length', value: '8' }]));
    },
    expect: /beyond the end/,
  }),
  ext({ name: 'negative offset', build: (d) => (writeFileSync(join(d, 'w.bin'), W_BYTES), writeModel(d, 'model.onnx', withExternalW([...at('w.bin'), { key: 'offset', value: '-8' }]))), expect: /invalid external offset/ }),
  ext({ name: 'data file missing', build: (d) => writeModel(d, 'model.onnx', withExternalW(at('gone.bin'))), expect: /not found next to the model/ }),
  ext({
    name: 'external reference hidden in a field we do not decode (model functions)',
    build: (d) => {
      const entry = Buffer.concat([Buffer.from([0x0a, 0x08]), Buffer.from('location'), Buffer.from([0x12, 0x0b]), Buffer.from('/etc/passwd')]);
      const path = join(d, 'model.onnx');
      writeFileSync(path, Buffer.concat([Buffer.from(encodeOnnx(baseModel())), Buffer.from([0xca, 0x01, entry.length]), entry]));
      return path;
    },
    expect: /part of the file we do not read/,
  }),
  ext({
    name: 'valid external data inside the folder is inlined and predicts',
    build: (d) => {
      writeFileSync(join(d, 'w.bin'), W_BYTES);
      return writeModel(d, 'model.onnx', withExternalW(at('w.bin')));
    },
    expect: 'ok',
  }),
];
