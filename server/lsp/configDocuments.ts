import { basename, sep } from 'node:path';
import { TextDocuments, type Connection } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CONFIG_FILE_NAME } from '../discovery/configFile';
import { uriToPath } from './workspaceFolders';

/**
 * The modeldiag.json documents open in the editor: their text replaces the file on disk
 * in discovery, so config problems follow typing, not saving. `onChange` gets the file
 * path whenever such a document opens, changes or closes.
 */
export class ConfigDocuments {
  /** Every synchronised document (shared with the language features and notebook cells). */
  readonly documents = new TextDocuments(TextDocument);

  constructor(connection: Connection, onChange: (file: string) => void) {
    const notify = (uri: string): void => {
      const path = uriToPath(uri);
      if (path && basename(path) === CONFIG_FILE_NAME) onChange(path);
    };
    this.documents.onDidChangeContent((e) => notify(e.document.uri));
    this.documents.onDidClose((e) => notify(e.document.uri));
    this.documents.listen(connection);
  }

  /** path → editor text of every open modeldiag.json under `folder`. */
  texts(folder: string): Record<string, string> {
    const out: Record<string, string> = {};
    for (const doc of this.documents.all()) {
      const path = uriToPath(doc.uri);
      if (path && basename(path) === CONFIG_FILE_NAME && path.startsWith(folder.endsWith(sep) ? folder : folder + sep)) out[path] = doc.getText();
    }
    return out;
  }
}
