package vn.bhxh.pipeline.jobs.generate;

import picocli.CommandLine.Option;

/** {@code [--seed N]}, for the commands that generate data: the same seed gives the same bytes. */
public final class SeedOption {
  @Option(
      names = "--seed",
      paramLabel = "N",
      defaultValue = "" + GenerateOptions.DEFAULT_SEED,
      description = "Random seed (default: ${DEFAULT-VALUE}).")
  private long seed;

  public long seed() {
    return seed;
  }
}
