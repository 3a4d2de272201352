/**
 * The Model Diagnostics language server (dist/server.js). The transport comes from the
 * command line (--stdio, --node-ipc, --socket=…), as vscode-languageserver reads it. This
 * thread only does LSP work; discovery, model loading and analysis run in
 * dist/analysisWorker.js worker threads.
 */
import { join } from 'node:path';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { installProbe } from './probe';
import { startServer } from './startServer';

const connection = createConnection(ProposedFeatures.all);
// Opt-in benchmark probe (scripts/bench/lspBench.ts): event-loop delay and worker counts.
if (process.env.MODELDIAG_PROBE === '1') installProbe(connection);
startServer(connection, { workerPath: join(__dirname, 'analysisWorker.js') });
connection.listen();
