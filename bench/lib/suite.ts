import type { Measurement } from './figures';

/** The two sizes every benchmark runs at: the real one, and a tiny one that only proves it still works. */
export interface BenchContext {
  smoke: boolean;
  /** How many runs each figure takes its median over. */
  runs: number;
  log: (message: string) => void;
}

export interface BenchSuite {
  name: string;
  run(context: BenchContext): Promise<Measurement[]>;
}
