package vn.bhxh.pipeline.jobs.cli;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Parses an interval option such as {@code --watch 15m}: a number and a unit, written as in the
 * configuration file ({@code 30s}, {@code 15m}, {@code 1h}, {@code 2 hours}), at least one second.
 * A bare number is refused: the configuration would read it as milliseconds, which nobody means on
 * a command line.
 */
public final class IntervalConverter implements ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    String trimmed = value.strip();
    if (trimmed.isEmpty() || !Character.isLetter(trimmed.charAt(trimmed.length() - 1))) {
      throw refused(value, "give a unit, e.g. 30s, 15m or 1h");
    }
    Duration interval;
    try {
      interval = ConfigFactory.parseMap(Map.of("interval", trimmed)).getDuration("interval");
    } catch (ConfigException e) {
      throw refused(value, "give a number and a unit, e.g. 30s, 15m or 1h");
    }
    if (interval.compareTo(Watch.SHORTEST_INTERVAL) < 0) {
      throw refused(value, "it must be at least 1s");
    }
    return interval;
  }

  private static TypeConversionException refused(String value, String hint) {
    return new TypeConversionException("'" + value + "' is not an interval: " + hint);
  }
}
