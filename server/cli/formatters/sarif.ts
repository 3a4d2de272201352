import type { Finding, Severity } from '../../results/finding';
import { FINDING_IDS, findingDocs } from '../../results/findingIds';
import type { CheckReport } from '../../results/report';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };
const DOCS = 'https://github.com/model-diagnostics/model-diagnostics#findings';

/** SARIF 2.1.0 (OASIS) log for GitHub code scanning: one rule per finding id, one result per finding. */
export function formatSarif(report: CheckReport, toolVersion: string): string {
  const results: unknown[] = [];
  const add = (f: Finding, fallbackFile: string | undefined): void => {
    const file = f.location?.file ?? fallbackFile;
    const region =
      f.location?.line !== undefined
        ? {
            startLine: f.location.line,
            ...(f.location.column !== undefined ? { startColumn: f.location.column } : {}),
            ...(f.location.endLine !== undefined ? { endLine: f.location.endLine } : {}),
            ...(f.location.endColumn !== undefined ? { endColumn: f.location.endColumn } : {}),
          }
        : undefined;
    results.push({
      ruleId: f.id,
      ruleIndex: FINDING_IDS.indexOf(f.id),
      level: LEVEL[f.severity],
      message: { text: f.message },
      ...(file ? { locations: [{ physicalLocation: { artifactLocation: { uri: toUri(file) }, ...(region ? { region } : {}) } }] } : {}),
      properties: { ...(f.feature ? { feature: f.feature } : {}), ...(f.features ? { features: f.features } : {}), evidence: f.evidence },
      ...(f.ignored ? { suppressions: [{ kind: 'external', justification: f.ignored.reason }] } : {}),
    });
  };
  for (const f of report.findings) add(f, undefined);
  for (const m of report.models) for (const f of m.findings) add(f, m.model);
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Model Diagnostics',
            version: toolVersion,
            informationUri: DOCS,
            rules: FINDING_IDS.map((id) => ({
              id,
              name: id.replace(/[.-](\w)/g, (_, c: string) => c.toUpperCase()),
              shortDescription: { text: findingDocs[id].title },
              fullDescription: { text: `${findingDocs[id].title}. ${findingDocs[id].action}` },
              help: { text: findingDocs[id].action },
              helpUri: `${DOCS}-${id.replace('.', '')}`,
            })),
          },
        },
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2);
}

function toUri(path: string): string {
  return path.split(/[\\/]/).map(encodeURIComponent).join('/');
}
