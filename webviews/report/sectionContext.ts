/** What every report section gets to draw itself. */
import type { ReportSection, WireCheckReport, WireModelReport } from '../../protocol/protocol';
import type { Palette } from '../shared/theme';

export interface ReportViewState {
  readonly model?: string;
  readonly section: ReportSection;
  readonly slice?: number;
}

export interface SectionContext {
  readonly report: WireCheckReport;
  readonly model: WireModelReport;
  readonly palette: Palette;
  readonly state: ReportViewState;
  /** Change the view state (saved with setState) and redraw. */
  update(patch: Partial<ReportViewState>): void;
  /** Open a file of the report (path relative to the report's root, or absolute) in an editor. */
  openFile(file: string, line?: number, column?: number): void;
}

export const SECTIONS: readonly { readonly id: ReportSection; readonly title: string }[] = [
  { id: 'overview', title: 'Overview' },
  { id: 'attribution', title: 'Attribution' },
  { id: 'shapes', title: 'Shape curves' },
  { id: 'slices', title: 'Slices' },
  { id: 'leakage', title: 'Leakage & fairness' },
];
