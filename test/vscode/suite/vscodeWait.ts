// Condition waits inside the extension host: resolve on the event that makes the condition true,
// fail with what was seen when the time limit passes. No sleeps.
import * as vscode from 'vscode';

export async function waitForDiagnostics(
  uri: vscode.Uri,
  accept: (diagnostics: readonly vscode.Diagnostic[]) => boolean,
  timeoutMs = 30_000,
): Promise<readonly vscode.Diagnostic[]> {
  const current = vscode.languages.getDiagnostics(uri);
  if (accept(current)) return current;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      listener.dispose();
      const seen = vscode.languages.getDiagnostics(uri).map((d) => `${d.source ?? ''} ${d.code ?? ''}: ${d.message}`);
      reject(new Error(`no accepted diagnostic on ${uri.fsPath} within ${timeoutMs} ms; seen: ${JSON.stringify(seen)}`));
    }, timeoutMs);
    const listener = vscode.languages.onDidChangeDiagnostics((e) => {
      if (!e.uris.some((u) => u.toString() === uri.toString())) return;
      const diagnostics = vscode.languages.getDiagnostics(uri);
      if (!accept(diagnostics)) return;
      clearTimeout(timer);
      listener.dispose();
      resolve(diagnostics);
    });
  });
}
