package vn.bhxh.pipeline.jobs.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;
import vn.bhxh.pipeline.common.time.Period;

/** Parses {@code --from}/{@code --to} values, so a bad month is a usage error (exit 2). */
public final class PeriodConverter implements ITypeConverter<Period> {
  @Override
  public Period convert(String value) {
    Period period = Period.tryParse(value);
    if (period == null) {
      throw new TypeConversionException("'" + value + "' is not a month YYYY-MM");
    }
    return period;
  }
}
