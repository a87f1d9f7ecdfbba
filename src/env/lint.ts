/** `proxylint env [PATH…]`: placeholder until the extractors land. */
import { UsageError } from '../cli/errors';
import type { Env } from './types';

export interface EnvLintOptions {
  paths: string[];
  format?: string;
  config?: string;
  quiet: boolean;
  maxWarnings?: number;
  env: Env;
}

export async function runEnvLint(_o: EnvLintOptions): Promise<number> {
  throw new UsageError('env linting is not available yet; use "proxylint env explain URL"');
}
