import type { ExplainArgs } from './args';

/** `explain`: per-row attributions (see README "CLI explain"). */
export async function runExplain(args: ExplainArgs): Promise<number> {
  process.stderr.write(`error: explain --method ${args.method} is not available in this build\n`);
  return 2;
}
