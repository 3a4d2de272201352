/** Entry of dist/webviews/modelCard.js: the custom editor of .onnx files. */
import '../shared/styles.css';
import { ViewIpc } from '../shared/ipc';
import { vscodeApi } from '../shared/vscodeApi';
import { startModelCard } from './app';

void startModelCard(new ViewIpc(vscodeApi<unknown>()), document.getElementById('root') ?? document.body);
