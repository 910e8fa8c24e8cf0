package vn.bhxh.pipeline.jobs.cli;

import java.util.Optional;
import picocli.CommandLine.Option;
import vn.bhxh.pipeline.common.time.Period;
import vn.bhxh.pipeline.common.time.PeriodRange;

/**
 * {@code [--from YYYY-MM] [--to YYYY-MM]}: the periods a command works on, inclusive, either end
 * open. A value that is not a month is a usage error; a range that ends before it starts is refused
 * by {@link #range()}; both exit 2 before any work.
 */
public final class PeriodRangeOptions {
  @Option(
      names = "--from",
      paramLabel = "YYYY-MM",
      converter = PeriodConverter.class,
      description = "First period (inclusive).")
  private Period from;

  @Option(
      names = "--to",
      paramLabel = "YYYY-MM",
      converter = PeriodConverter.class,
      description = "Last period (inclusive).")
  private Period to;

  /**
   * The range given; an end not given is open.
   *
   * @throws vn.bhxh.pipeline.common.error.ConfigurationException when {@code --from} is after
   *     {@code --to}
   */
  public PeriodRange range() {
    return new PeriodRange(Optional.ofNullable(from), Optional.ofNullable(to));
  }
}
