/**
 * Entry of dist/webviews/report.js. The page's <body data-view> says which view to run: the
 * report, or the "Explain this row" waterfall (same bundle: they share chart.js).
 */
import '../shared/styles.css';
import { ViewIpc } from '../shared/ipc';
import { vscodeApi } from '../shared/vscodeApi';
import { startWaterfall } from '../waterfall/app';
import { startReport } from './app';

const root = document.getElementById('root') ?? document.body;
const ipc = new ViewIpc(vscodeApi<unknown>());
if (document.body.dataset.view === 'waterfall') void startWaterfall(ipc, root);
else void startReport(ipc, root);
