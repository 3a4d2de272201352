import type { Connection } from 'vscode-languageserver/node';
import { DEFAULT_SERVER_SETTINGS, SETTINGS_SECTION, type ServerSettings } from '../../protocol/protocol';

/** Turns whatever the client sent into ServerSettings; a malformed value falls back to its default (never throws). */
export function normaliseSettings(raw: unknown): ServerSettings {
  const r = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const maxRows = typeof r.maxRows === 'number' && Number.isFinite(r.maxRows) && r.maxRows >= 100 ? Math.floor(r.maxRows) : DEFAULT_SERVER_SETTINGS.maxRows;
  return { enable: typeof r.enable === 'boolean' ? r.enable : DEFAULT_SERVER_SETTINGS.enable, maxRows };
}

/**
 * Settings per folder, asked of the client with workspace/configuration scoped to the
 * folder URI and cached per folder until `clear()` (a configuration change).
 */
export class FolderSettings {
  private readonly cache = new Map<string, Promise<ServerSettings>>();

  constructor(
    private readonly connection: Connection,
    private readonly clientHasConfiguration: () => boolean,
  ) {}

  get(folderUri: string): Promise<ServerSettings> {
    let s = this.cache.get(folderUri);
    if (!s) {
      s = this.clientHasConfiguration()
        ? this.connection.workspace.getConfiguration({ scopeUri: folderUri, section: SETTINGS_SECTION }).then(normaliseSettings, () => DEFAULT_SERVER_SETTINGS)
        : Promise.resolve(DEFAULT_SERVER_SETTINGS);
      this.cache.set(folderUri, s);
    }
    return s;
  }

  clear(): void {
    this.cache.clear();
  }
}
